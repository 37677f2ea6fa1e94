import { rewriteCommandAnswer } from './answer-ids';

/**
 * What `motcua province import` does with each table of a centre's SQLite file, in an order that
 * respects the foreign keys (parents first). Every table of the SQLite schema is listed once: the
 * importer refuses to run if the file has a table this plan does not name (a new SQLite migration
 * must say here how its rows move), and a test checks the list against the migrations.
 */
export interface ImportedTable {
  readonly table: string;
  /** The PostgreSQL table has centre_id: each row is written with the importing centre's id. */
  readonly perCentre: boolean;
  /**
   * `id` is a BIGINT identity in PostgreSQL, unique across centres: the importer shifts SQLite's
   * ids by an offset past every id already there (another centre's rows hold 1..N).
   */
  readonly identity: boolean;
  /** Columns holding another table's identity: they follow that table's offset. */
  readonly refs: Readonly<Record<string, string>>;
  /** The columns that name a row in a refusal (its key). */
  readonly key: readonly string[];
  /** Ids the column shift cannot reach (inside a JSON column): rewritten row by row. */
  readonly rewrite?: RowRewrite;
}

/** A value of the SQLite file, as better-sqlite3 reads it. */
export type SourceValue = string | number | bigint | null | Buffer;

/**
 * Given a row as the SQLite file holds it (by column) and the import's offsets: the new values of
 * some of its columns, or why the row cannot be imported (Vietnamese, then English; the importer
 * names the row and stops).
 */
export type RowRewrite = (row: Readonly<Record<string, SourceValue>>, offsets: IdOffsets) => Rewritten;
export type Rewritten = { readonly ok: true; readonly values: Readonly<Record<string, SourceValue>> } | { readonly ok: false; readonly vi: string; readonly en: string };

const t = (table: string, perCentre: boolean, identity: boolean, key: readonly string[], refs: Record<string, string> = {}, rewrite?: RowRewrite): ImportedTable => ({ table, perCentre, identity, refs, key, ...(rewrite ? { rewrite } : {}) });

export const IMPORT_PLAN: readonly ImportedTable[] = [
  t('tickets', true, true, ['id']),
  t('number_sequences', true, false, ['day', 'service_id']),
  // The first answers kept for replays name tickets and result files by id: those ids follow their rows (answer-ids.ts).
  t('commands', true, false, ['command_id'], {}, rewriteCommandAnswer),
  // Events keep their seq: they are numbered per centre, and this centre has none in the province yet.
  t('events', true, false, ['seq'], { ticket_id: 'tickets' }),
  t('counter_states', true, false, ['counter_id']),
  t('device_health', true, false, ['device_id']),
  t('ratings', true, true, ['id'], { ticket_id: 'tickets' }),
  t('appointments', true, false, ['code'], { ticket_id: 'tickets' }),
  t('number_leases', true, true, ['id']),
  t('offline_tickets', true, false, ['ticket_id'], { ticket_id: 'tickets', lease_id: 'number_leases', superseded_ticket_id: 'tickets' }),
  t('dossiers', true, false, ['code'], { ticket_id: 'tickets' }),
  t('dossier_documents', false, false, ['dossier_code', 'position']),
  t('dossier_history', true, true, ['id']),
  t('dossier_files', false, false, ['dossier_code']),
  // Result files' rows; their bytes (and the scans') go into dossier_blobs (import-files.ts).
  t('dossier_results', false, true, ['id']),
  t('dossier_code_leases', true, true, ['id']),
  t('officer_sessions', false, false, ['device_id']),
  t('audit_log', true, true, ['id']),
  t('privacy_requests', true, true, ['id']),
  t('admin_accounts', true, false, ['username']),
  t('admin_sessions', false, false, ['token_hash']),
  t('sign_in_lockouts', true, false, ['subject']),
  t('device_credentials', false, false, ['device_id']),
  t('pairing_codes', false, true, ['id']),
  t('config_digests', true, false, ['section']),
  t('api_keys', true, false, ['id']),
  // The outbox's payloads name tickets and dossiers by value (thin JSON); its ids are its own.
  t('outbox', true, true, ['id']),
  t('webhook_subscription_states', true, false, ['subscription_id']),
  // The ticket page's token hashes (migration 0019) follow their ticket's new id; the hash stays the key (unique province-wide).
  t('ticket_public_tokens', true, false, ['token_hash'], { ticket_id: 'tickets' }),
  // Online booking (migration 0020): holds live minutes and move as they are; identities follow their appointment's code.
  t('booking_holds', true, false, ['hold_hash']),
  t('booking_identities', true, false, ['code']),
  // A receipt's status link (dossier codes are province-wide: kept as they are).
  t('dossier_public_tokens', true, false, ['token_hash']),
  // "Nhắc tôi khi còn N người" (migration 0022): the day's reminders follow their ticket's new id.
  t('ticket_reminders', true, false, ['ticket_id'], { ticket_id: 'tickets' }),
];

/** SQLite's own bookkeeping, not the hub's data (AUTOINCREMENT's counters: read for events' last seq). */
export const SQLITE_INTERNAL_TABLES: readonly string[] = ['sqlite_sequence'];

/** An identity table's shift: imported id = SQLite id + offset, for the ids in (offset, last]. */
export interface IdOffset {
  readonly offset: number;
  readonly last: number;
}
export type IdOffsets = Readonly<Record<string, IdOffset>>;

/** Whether a PostgreSQL id of the table is one the import wrote, and the SQLite id it came from. */
export function sourceIdOf(offsets: IdOffsets, table: string, id: number): number {
  const o = offsets[table];
  return o !== undefined && id > o.offset && id <= o.last ? id - o.offset : id;
}
