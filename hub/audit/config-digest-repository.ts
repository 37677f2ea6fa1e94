import type { Database, Statement } from 'better-sqlite3';

/** The digest of each config section the hub last ran (config_digests, migration 0016). */
export class ConfigDigestRepository {
  private readonly allStmt: Statement<[], { section: string; digest: string }>;
  private readonly clearStmt: Statement<[]>;
  private readonly insertStmt: Statement<[string, string, string]>;

  constructor(db: Database) {
    this.allStmt = db.prepare('SELECT section, digest FROM config_digests');
    this.clearStmt = db.prepare('DELETE FROM config_digests');
    this.insertStmt = db.prepare('INSERT INTO config_digests (section, digest, recorded_at) VALUES (?, ?, ?)');
  }

  /** Section → digest. */
  all(): Record<string, string> {
    return Object.fromEntries(this.allStmt.all().map((r) => [r.section, r.digest]));
  }

  /** Replaces every digest with these (run it in a transaction). */
  replace(digests: Readonly<Record<string, string>>, recordedAt: string): void {
    this.clearStmt.run();
    for (const [section, digest] of Object.entries(digests)) this.insertStmt.run(section, digest, recordedAt);
  }
}
