import { chainHash, GENESIS_HASH, hashedColumns, storedColumns, type ChainedTable, type ChainRow } from '../../audit/hash-chain';
import type { PgSql } from './pg-store';

/**
 * The PostgreSQL twin of hub/audit/hash-chain.ts's ChainAppender: appends to one centre's chain
 * of a chained table (audit_log, dossier_history carry centre_id; one chain per table and centre).
 *
 * SQLite has one writer at a time; here several hub processes append at once, so the append first
 * takes the centre's row lock (`SELECT … FROM centres WHERE id = $1 FOR UPDATE`, the lock
 * event-log.ts numbers events under), then reads the chain head in a new statement (READ
 * COMMITTED: it sees every row committed by the lock's earlier holders), takes the id from the
 * identity (`nextval`, not head.id + 1: ids are shared by all centres' rows and past every id a
 * province import wrote) and hashes the row with that id — the same canonical JSON and SHA-256
 * as SQLite, so the hash does not depend on the store. The lock lasts until the caller's
 * transaction ends, so two appenders never extend the same head. Outside a transaction the
 * lock would end with the statement: refused.
 */
export class PgChainAppender {
  private readonly insertSql: string;
  private readonly all: readonly string[];

  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
    private readonly spec: ChainedTable,
  ) {
    this.all = ['centre_id', ...storedColumns(spec), 'prev_hash', 'hash'];
    this.insertSql = `INSERT INTO ${spec.table} (${this.all.join(', ')}) VALUES (${this.all.map((_, i) => `$${i + 1}`).join(', ')})`;
  }

  /** Appends to this appender's centre's chain; inside the caller's transaction. */
  async append(values: ChainRow): Promise<{ id: number; hash: string }> {
    return this.appendTo(this.centreId, values);
  }

  /** Appends to another centre's chain of the same table (a dossier's history belongs to its receiving centre). */
  async appendTo(centreId: string, values: ChainRow): Promise<{ id: number; hash: string }> {
    if (!this.sql.inTransaction) throw new Error(`${this.spec.table}: a chained row is appended inside a transaction (the centre's lock must last until the commit)`);
    const locked = await this.sql.row<{ id: string }>('SELECT id FROM centres WHERE id = $1 FOR UPDATE', [centreId]);
    if (!locked) throw new Error(`unknown centre "${centreId}"`);
    const head = await this.sql.row<{ hash: string | null }>(`SELECT hash FROM ${this.spec.table} WHERE centre_id = $1 ORDER BY id DESC LIMIT 1`, [centreId]);
    const next = await this.sql.row<{ id: number }>(`SELECT nextval(pg_get_serial_sequence('${this.spec.table}', 'id'))::bigint AS id`);
    const id = next!.id;
    const prevHash = head?.hash ?? GENESIS_HASH;
    const row: Record<string, string | number | null> = { ...Object.fromEntries(storedColumns(this.spec).map((c) => [c, values[c] ?? null])), id };
    const hash = chainHash(prevHash, row, hashedColumns(this.spec, row));
    const stored: Record<string, string | number | null> = { ...row, centre_id: centreId, prev_hash: prevHash, hash };
    await this.sql.run(this.insertSql, this.all.map((c) => stored[c]));
    return { id, hash };
  }
}
