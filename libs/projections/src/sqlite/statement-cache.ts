import type Database from 'better-sqlite3';

const LIMIT = 256;

/**
 * Prepared statements by SQL text. Table names differ per generation, so the SQL is built at run
 * time; preparing it once per text keeps batches and paging cheap. Bounded, oldest out first:
 * generations come and go.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  get<Row = unknown>(sql: string): Database.Statement<unknown[], Row> {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (this.statements.size >= LIMIT) {
        this.statements.delete(this.statements.keys().next().value as string);
      }
      this.statements.set(sql, statement);
    }
    return statement as Database.Statement<unknown[], Row>;
  }

  /** Forgets statements on a table about to be dropped. */
  forgetTable(table: string): void {
    const pattern = new RegExp(`\\b${table}\\b`);
    for (const sql of [...this.statements.keys()]) {
      if (pattern.test(sql)) this.statements.delete(sql);
    }
  }
}
