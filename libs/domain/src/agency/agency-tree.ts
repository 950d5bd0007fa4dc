import type { AgencyScope } from '../access/agency-scope';

/** What the tree needs of an agency; callers may pass richer records and get them back. */
interface AgencyNode {
  readonly code: string;
  readonly parent: string | null;
}

interface AgencyTreeNode<A extends AgencyNode = AgencyNode> {
  readonly agency: A;
  /** Codes of the direct units, sorted. */
  readonly children: readonly string[];
}

interface AgencyTree<A extends AgencyNode = AgencyNode> {
  readonly nodes: ReadonlyMap<string, AgencyTreeNode<A>>;
  /** Agencies with no parent, or whose parent is not in the list; sorted. */
  readonly roots: readonly string[];
}

/** The parent of a code: null at the top, undefined when the code is unknown. */
type ParentLookup = (code: string) => string | null | undefined;

export function buildAgencyTree<A extends AgencyNode>(agencies: readonly A[]): AgencyTree<A> {
  const byCode = new Map<string, A>();
  for (const agency of agencies) {
    if (byCode.has(agency.code))
      throw new Error(`Agency ${agency.code} appears twice in the list.`);
    byCode.set(agency.code, agency);
  }
  const children = new Map<string, string[]>();
  const roots: string[] = [];
  for (const agency of byCode.values()) {
    if (agency.parent !== null && byCode.has(agency.parent)) {
      children.set(agency.parent, [...(children.get(agency.parent) ?? []), agency.code]);
    } else {
      roots.push(agency.code);
    }
  }
  const nodes = new Map<string, AgencyTreeNode<A>>();
  for (const [code, agency] of byCode) {
    nodes.set(code, { agency, children: (children.get(code) ?? []).sort() });
  }
  return { nodes, roots: roots.sort() };
}

/**
 * True when `code` is `ancestor` or below it at any depth. The walk stops at a repeated code,
 * so a corrupt register with a cycle cannot hang the caller.
 */
export function isSameOrBelowVia(parentOf: ParentLookup, code: string, ancestor: string): boolean {
  const seen = new Set<string>();
  let current: string | null | undefined = code;
  while (current !== null && current !== undefined && !seen.has(current)) {
    if (current === ancestor) return true;
    seen.add(current);
    current = parentOf(current);
  }
  return false;
}

const parentLookupOf =
  (tree: AgencyTree): ParentLookup =>
  (code) =>
    tree.nodes.get(code)?.agency.parent;

export const isSameOrBelow = (tree: AgencyTree, code: string, ancestor: string): boolean =>
  isSameOrBelowVia(parentLookupOf(tree), code, ancestor);

/** The units below `code` at any depth, parents before their units; [] for an unknown code. */
export function descendantsOf(
  tree: AgencyTree,
  code: string,
  options: { includeSelf?: boolean } = {},
): string[] {
  if (!tree.nodes.has(code)) return [];
  const result: string[] = options.includeSelf ? [code] : [];
  const seen = new Set<string>([code]);
  const queue = [...tree.nodes.get(code)!.children];
  while (queue.length > 0) {
    const next = queue.shift()!;
    if (seen.has(next)) continue;
    seen.add(next);
    result.push(next);
    queue.push(...(tree.nodes.get(next)?.children ?? []));
  }
  return result;
}

/** Moving `code` under `newParent` would make it its own ancestor. */
export const wouldCreateCycleVia = (
  parentOf: ParentLookup,
  code: string,
  newParent: string | null,
): boolean => newParent !== null && isSameOrBelowVia(parentOf, newParent, code);

export const wouldCreateCycle = (
  tree: AgencyTree,
  code: string,
  newParent: string | null,
): boolean => wouldCreateCycleVia(parentLookupOf(tree), code, newParent);

/** The hierarchy as the permission rules ask for it. */
export const agencyScopeOf = (tree: AgencyTree): AgencyScope => ({
  isSameOrBelow: (code, ancestor) => isSameOrBelow(tree, code, ancestor),
});
