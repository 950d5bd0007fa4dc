/** What permission rules need from the agency register: the hierarchy. */
export interface AgencyScope {
  /** True when `code` is `ancestor` itself or one of its units at any depth. */
  isSameOrBelow(code: string, ancestor: string): boolean;
}
