import type { PgSql } from './pg-store';

const SQL = {
  // array_remove first: a name is in the list once, whatever happened before.
  add: 'UPDATE centres SET listeners = array_append(array_remove(listeners, $2), $2) WHERE id = $1',
  remove: 'UPDATE centres SET listeners = array_remove(listeners, $2) WHERE id = $1',
} as const;

/** Past this many numbered-but-unpublished seqs the notes are dropped (unknown seqs go to every process: safe). */
const MAX_NOTES = 10_000;

/**
 * Whether a centre's queue events must be published to the other hub processes (Socket.IO's
 * PostgreSQL adapter: a NOTIFY each, heard and decoded by every process) or only to this one's
 * sockets (docs/province.md, "Broadcasts that stay in their process"). With the front, a centre's
 * devices are all on one process in the usual case, and then nobody else needs them.
 *
 * Exact, in the order of the events: the centre's row lists the processes with a subscriber
 * (`centres.listeners`, PostgreSQL migration 0022), and every statement numbering events locks that
 * row and returns the list with the seqs (event-log.ts, the one-statement issue), which this
 * object notes. A process adds itself, and commits, BEFORE the snapshot a newly joined device is
 * greeted with is read (joined()): an event numbered before the add is committed before it (the
 * add waits for the row's lock) and so in that snapshot; one numbered after sees the name and is
 * published to all. An event whose list is unknown here goes to all. A process removes itself
 * when its last socket of the centre has been gone for `graceMs`; one that dies leaves its name
 * (the others keep publishing to it — safe) and removes it when it starts again (start()), its
 * name being its host, its port and an id kept in its data dir (listener-name.ts).
 */
export class CentreListeners {
  private id: string | null = null;
  private openGate!: () => void;
  private readonly gate = new Promise<void>((resolve) => (this.openGate = resolve));
  /** The list's changes, one after another, in the order asked. */
  private chain: Promise<unknown> = this.gate;
  /** This process's name is in the list, or its adding is under way. */
  private registration: Promise<void> | null = null;
  private emptyTimer: NodeJS.Timeout | null = null;
  /** seq → whether another process listened when it was numbered. */
  private readonly notes = new Map<number, boolean>();

  constructor(
    private readonly sql: PgSql,
    readonly centreId: string,
    private readonly graceMs = 30_000,
  ) {
    sql.onEventListeners((seqs, listeners) => this.note(seqs, listeners));
  }

  /** The process's name is known (after listening): its name left by an earlier run goes first. */
  start(id: string): void {
    this.id = id;
    void this.change(SQL.remove).catch(() => undefined);
    this.openGate();
  }

  /**
   * Resolves once this process is in the centre's list (committed): wait for it before reading
   * the snapshot a joining device is greeted with. Rejects when the database cannot be reached
   * (the device is then sent away, as when its hello fails).
   */
  joined(): Promise<void> {
    if (this.emptyTimer) clearTimeout(this.emptyTimer);
    this.emptyTimer = null;
    if (!this.registration) {
      const adding = this.gate.then(() => this.change(SQL.add));
      this.registration = adding;
      // A failed add is tried again by the next join.
      adding.catch(() => {
        if (this.registration === adding) this.registration = null;
      });
    }
    return this.registration;
  }

  /** The process's last socket of the centre is gone: its name leaves the list after the grace, unless one joins meanwhile. */
  emptied(): void {
    if (this.emptyTimer || !this.registration) return;
    this.emptyTimer = setTimeout(() => {
      this.emptyTimer = null;
      this.registration = null;
      // A remove that fails leaves the name: the others keep publishing to this process (safe).
      void this.change(SQL.remove).catch(() => undefined);
    }, this.graceMs);
    this.emptyTimer.unref();
  }

  /** Whether events with these seqs must reach the other processes: yes if any was numbered while another listened, or is unknown here. */
  othersNeed(seqs: readonly number[]): boolean {
    let others = false;
    for (const seq of seqs) {
      others ||= this.notes.get(seq) ?? true;
      this.notes.delete(seq);
    }
    // Events are published in the order of their seqs (numbered under the row's lock, held to the
    // commit): a note below these is of a seq this process will not publish (rolled back, or
    // committed by another process).
    if (this.notes.size > 64) {
      const lowest = Math.min(...seqs);
      for (const seq of this.notes.keys()) if (seq < lowest) this.notes.delete(seq);
    }
    return others;
  }

  /** Leaving for good (the hub closing): the name goes. */
  async close(): Promise<void> {
    if (this.emptyTimer) clearTimeout(this.emptyTimer);
    this.emptyTimer = null;
    if (this.id !== null) await this.change(SQL.remove).catch(() => undefined);
  }

  private note(seqs: readonly number[], listeners: readonly string[]): void {
    const others = this.id === null || listeners.some((name) => name !== this.id);
    if (this.notes.size + seqs.length > MAX_NOTES) this.notes.clear();
    for (const seq of seqs) this.notes.set(seq, others);
  }

  private change(text: string): Promise<void> {
    const next = this.chain.catch(() => undefined).then(async () => {
      await this.sql.run(text, [this.centreId, this.id]);
    });
    this.chain = next;
    return next;
  }
}
