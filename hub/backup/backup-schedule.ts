import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import type { AuditLog } from '../audit/audit-log';
import type { Async } from '../store/async-of';
import { takeBackup } from './backup';

export interface BackupScheduleOptions {
  readonly db: Database;
  readonly audit: Pick<Async<AuditLog>, 'record'>;
  readonly dir: string;
  readonly everyMinutes: number;
  /** How many of the newest scheduled backups to keep in `dir`. */
  readonly keep: number;
  readonly passphrase: string;
  readonly clock: () => Date;
  /** A failed backup is reported here (and tried again at the next tick). */
  readonly onError?: (e: Error) => void;
}

const SCHEDULED = /^hub-\d{8}T\d{6}Z\.motcua-backup$/;

/** `hub.backup` in the centre config: an encrypted online backup every N minutes, the newest `keep` kept. */
export class BackupSchedule {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(private readonly o: BackupScheduleOptions) {}

  start(): void {
    if (this.timer) throw new Error('BackupSchedule.start() called twice');
    this.timer = setInterval(() => void this.runOnce(), this.o.everyMinutes * 60_000);
    this.timer.unref();
  }

  /** One scheduled backup now (the timer's tick; tests call it directly). Overlapping ticks are skipped. */
  runOnce(): Promise<void> {
    this.running ??= this.backup()
      .catch((e: unknown) => this.o.onError?.(e as Error))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private async backup(): Promise<void> {
    const stamp = this.o.clock().toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
    const result = await takeBackup(this.o.db, path.join(this.o.dir, `hub-${stamp}.motcua-backup`), this.o.passphrase);
    await this.o.audit.record({ actor: 'hub', action: 'backup.create', subject: path.basename(result.file), detail: { scheduled: true, bytes: result.bytes, sha256: result.sha256, pages: result.pages } });
    const old = readdirSync(this.o.dir).filter((f) => SCHEDULED.test(f)).sort().slice(0, -this.o.keep);
    for (const f of old) rmSync(path.join(this.o.dir, f), { force: true });
  }
}
