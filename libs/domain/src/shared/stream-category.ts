/**
 * One kind of stream: how its ids are built from an entity's id and read back. Every category is
 * declared once, in `streams.ts`; nothing else spells a stream prefix.
 */
export interface StreamCategory {
  /** `task`, `directive-key`, …: the stream id is `<name>-<id>`. */
  readonly name: string;
  /** The stream of the entity `id`. */
  of(id: string): string;
  /** The entity id of a stream of this category; null for a stream of any other category. */
  idOf(streamId: string): string | null;
}

/**
 * The categories of a log, resolving each stream id to exactly one of them: when one name
 * prefixes another (`directive-` and `directive-key-`), the longer one wins, so
 * `directive-key-…` is never read as a directive whose id starts with `key-`.
 */
export function streamCategories<N extends string>(
  names: Readonly<Record<N, string>>,
): {
  readonly categories: Readonly<Record<N, StreamCategory>>;
  categoryOf(streamId: string): N | null;
} {
  const prefixes = (Object.entries(names) as [N, string][])
    .map(([key, name]) => ({ key, prefix: `${name}-` }))
    .sort((a, b) => b.prefix.length - a.prefix.length);
  const categoryOf = (streamId: string): N | null => {
    for (const { key, prefix } of prefixes) {
      if (streamId.startsWith(prefix) && streamId.length > prefix.length) return key;
    }
    return null;
  };
  const categories = {} as Record<N, StreamCategory>;
  for (const { key, prefix } of prefixes) {
    categories[key] = {
      name: names[key],
      of: (id) => `${prefix}${id}`,
      idOf: (streamId) => (categoryOf(streamId) === key ? streamId.slice(prefix.length) : null),
    };
  }
  return { categories, categoryOf };
}
