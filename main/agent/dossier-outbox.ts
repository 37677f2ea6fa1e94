import type { Database } from 'better-sqlite3';
import type { Dossier } from '../../core/dossiers/dossier';
import type { BridgeArgs } from '../../core/protocol/bridge';
import { openTerminalDb } from './store/terminal-db';

/**
 * The counter's local store for receiving dossiers while the hub may be away (tables of the
 * terminal's own SQLite file, store/terminal-db.ts; schema in store/migrations/0001):
 *
 * - leased_codes: dossier codes the hub reserved for this counter (dossier:lease-codes), each
 *   used at most once. Codes are taken from the current Vietnamese day first; a code of an
 *   earlier day is used only when no code of today is left (the hub was unreachable since
 *   midnight): its date part then names the day it was leased, not the day of receipt, which
 *   the receipt and the hub's `receivedAt` still tell correctly. Leftover codes of earlier days
 *   are never handed back: the hub simply never sees them (a gap in that day's numbering).
 * - outbox: every dossier received here, with the exact dossier:receive input (and its
 *   commandId, so a replay after a lost answer is recognised by the hub) and the scanned PDF.
 *   A row is never deleted: it moves pending → pdf-pending → delivered, or to failed (the hub
 *   refused it for good; the message is kept and shown).
 */

export type OutboxState = 'pending' | 'pdf-pending' | 'delivered' | 'failed';

export interface OutboxRow {
  readonly seq: number;
  readonly code: string;
  readonly commandId: string;
  /** The dossier:receive request, without commandId/code/receivedAt (those are columns). */
  readonly input: ReceiveRequestFields;
  readonly receivedAt: string;
  /** The dossier as built here at receipt, or the hub's once it answered. */
  readonly dossier: Dossier;
  readonly state: OutboxState;
  readonly error: string | null;
  readonly pdfPages: number | null;
  /** When the hub had all of it (the dossier and its PDF), by the outbox's clock; null until then. */
  readonly deliveredAt: string | null;
}

/**
 * What the clerk entered (the bridge's counter:receive-dossier input) and the receipt's status-page
 * token the counter drew for it, sent on as dossier:receive.
 */
export type ReceiveRequestFields = BridgeArgs<'counter:receive-dossier'> & { readonly publicToken?: string };

interface RawRow {
  seq: number;
  code: string;
  command_id: string;
  input_json: string;
  received_at: string;
  dossier_json: string;
  state: OutboxState;
  error: string | null;
  pdf_pages: number | null;
  delivered_at: string | null;
}

export class DossierOutbox {
  private readonly db: Database;

  /** `now`: the terminal's clock, which stamps deliveries (the system clock unless the desk passes its own). */
  constructor(
    dataDir: string,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.db = openTerminalDb(dataDir);
  }

  close(): void {
    this.db.close();
  }

  /** Stores a block the hub leased (codes already known are left as they are). */
  addLeasedCodes(day: string, codes: readonly string[], leasedAt: string): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO leased_codes (code, day, leased_at) VALUES (?, ?, ?)');
    this.db.transaction(() => codes.forEach((c) => insert.run(c, day, leasedAt)))();
  }

  /** Unused codes of `day`. */
  codesLeft(day: string): number {
    return (this.db.prepare('SELECT count(*) AS n FROM leased_codes WHERE used_at IS NULL AND day = ?').get(day) as { n: number }).n;
  }

  /** Unused codes of any day. */
  anyCodesLeft(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM leased_codes WHERE used_at IS NULL').get() as { n: number }).n;
  }

  /** The next code to use: today's lowest unused one, else the newest day's lowest unused one (see the top of this file); null when none is left. */
  private nextCode(today: string): string | null {
    const own = this.db.prepare('SELECT code FROM leased_codes WHERE used_at IS NULL AND day = ? ORDER BY code LIMIT 1').get(today) as { code: string } | undefined;
    if (own) return own.code;
    const older = this.db.prepare('SELECT code FROM leased_codes WHERE used_at IS NULL AND day < ? ORDER BY day DESC, code LIMIT 1').get(today) as { code: string } | undefined;
    return older?.code ?? null;
  }

  /**
   * Takes a code and stores the dossier built with it, in one transaction: `build` gets the code
   * and returns what to store. Null when no leased code is left.
   */
  receive(today: string, build: (code: string) => { commandId: string; input: ReceiveRequestFields; receivedAt: string; dossier: Dossier; pdf: Uint8Array | null; pdfPages: number | null }): OutboxRow | null {
    return this.db.transaction(() => {
      const code = this.nextCode(today);
      if (code === null) return null;
      const row = build(code);
      this.db.prepare('UPDATE leased_codes SET used_at = ? WHERE code = ?').run(row.receivedAt, code);
      const info = this.db
        .prepare('INSERT INTO outbox (code, command_id, input_json, received_at, dossier_json, pdf, pdf_pages, state) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
        .run(code, row.commandId, JSON.stringify(row.input), row.receivedAt, JSON.stringify(row.dossier), row.pdf ? Buffer.from(row.pdf) : null, row.pdfPages, 'pending');
      return this.bySeq(Number(info.lastInsertRowid))!;
    })();
  }

  /** Rows not yet (fully) delivered and not failed, oldest first. */
  undelivered(): OutboxRow[] {
    return (this.db.prepare("SELECT * FROM outbox WHERE state IN ('pending', 'pdf-pending') ORDER BY seq").all() as RawRow[]).map(toRow);
  }

  failed(): OutboxRow[] {
    return (this.db.prepare("SELECT * FROM outbox WHERE state = 'failed' ORDER BY seq").all() as RawRow[]).map(toRow);
  }

  /** Dossiers received here that the hub does not have yet (pending or failed). */
  notDeliveredCount(): number {
    return (this.db.prepare("SELECT count(*) AS n FROM outbox WHERE state <> 'delivered'").get() as { n: number }).n;
  }

  bySeq(seq: number): OutboxRow | null {
    const r = this.db.prepare('SELECT * FROM outbox WHERE seq = ?').get(seq) as RawRow | undefined;
    return r ? toRow(r) : null;
  }

  byCode(code: string): OutboxRow | null {
    const r = this.db.prepare('SELECT * FROM outbox WHERE code = ?').get(code) as RawRow | undefined;
    return r ? toRow(r) : null;
  }

  pdfOf(code: string): Buffer | null {
    const r = this.db.prepare('SELECT pdf FROM outbox WHERE code = ?').get(code) as { pdf: Buffer | null } | undefined;
    return r?.pdf ?? null;
  }

  /** The hub has the dossier: the PDF is still to go when there is one. */
  markReceived(seq: number, dossier: Dossier): void {
    this.db.prepare("UPDATE outbox SET dossier_json = ?, state = CASE WHEN pdf IS NULL THEN 'delivered' ELSE 'pdf-pending' END, delivered_at = CASE WHEN pdf IS NULL THEN ? ELSE NULL END, error = NULL, attempts = attempts + 1 WHERE seq = ?").run(JSON.stringify(dossier), this.now().toISOString(), seq);
  }

  markPdfDelivered(seq: number, pdf: { pages: number; bytes: number }): void {
    const row = this.bySeq(seq);
    if (!row) return;
    const dossier: Dossier = { ...row.dossier, pdf };
    this.db.prepare("UPDATE outbox SET dossier_json = ?, state = 'delivered', delivered_at = ?, error = NULL WHERE seq = ?").run(JSON.stringify(dossier), this.now().toISOString(), seq);
  }

  /**
   * The hub answered with a refusal that may not last (e.g. forbidden): it logged that answer under
   * the row's id and would replay it forever, so the next attempt is a new command. Safe: a refused
   * command created nothing at the hub.
   */
  renewCommandId(seq: number, commandId: string): void {
    this.db.prepare("UPDATE outbox SET command_id = ? WHERE seq = ? AND state = 'pending'").run(commandId, seq);
  }

  /** A transient failure: kept pending with the last reason. */
  noteAttempt(seq: number, error: string): void {
    this.db.prepare('UPDATE outbox SET error = ?, attempts = attempts + 1 WHERE seq = ?').run(error, seq);
  }

  /** The hub refused the dossier for good: kept, never retried by itself, shown with the reason. */
  markFailed(seq: number, error: string): void {
    this.db.prepare("UPDATE outbox SET state = 'failed', error = ?, attempts = attempts + 1 WHERE seq = ?").run(error, seq);
  }
}

function toRow(r: RawRow): OutboxRow {
  return {
    seq: r.seq,
    code: r.code,
    commandId: r.command_id,
    input: JSON.parse(r.input_json) as ReceiveRequestFields,
    receivedAt: r.received_at,
    dossier: JSON.parse(r.dossier_json) as Dossier,
    state: r.state,
    error: r.error,
    pdfPages: r.pdf_pages,
    deliveredAt: r.delivered_at,
  };
}
