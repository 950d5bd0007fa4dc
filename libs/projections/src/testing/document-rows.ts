import type { ReadModelStore } from '../read-model-store.port';

/** Every document as stored (id and exact JSON bytes), in id order: what byte-for-byte compares. */
export async function documentRows(store: ReadModelStore, name: string): Promise<string[]> {
  const rows: string[] = [];
  for await (const document of store.documents(name).stream({ pageSize: 500 })) {
    rows.push(`${document.id}\t${document.json}`);
  }
  return rows;
}
