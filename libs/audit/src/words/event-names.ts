/**
 * How a sentence names the people and agencies an event mentions. The API answers from the
 * agency register and the user directory; a code or id the register does not know is said in
 * words ("một đơn vị chưa có trong danh mục"), never printed raw.
 */
export interface EventNames {
  /**
   * The agency's name, or null when the register does not know the code. `atPosition`: the name
   * the register gave it when the log reached that position (an agency renamed since keeps the
   * name it had then); without it, or when the names keep no history, today's name.
   */
  agency(code: string, atPosition?: number): string | null;
  /** The person's name and the code of their agency, or null for an unknown id. */
  user(id: string): { readonly name: string; readonly agency: string | null } | null;
}

/** Names nothing: every sentence falls back to its words for "unknown". */
export const NO_NAMES: EventNames = { agency: () => null, user: () => null };

/** EventNames over plain maps (tests, scripts). */
export function namesFrom(
  agencies: Readonly<Record<string, string>>,
  users: Readonly<Record<string, { name: string; agency: string | null }>> = {},
): EventNames {
  return {
    agency: (code) => agencies[code] ?? null,
    user: (id) => users[id] ?? null,
  };
}
