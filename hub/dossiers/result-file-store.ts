import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The bytes of dossiers' result files beside the hub's database: <dir>/<dossier code>/<sha256>.pdf,
 * named by their content, so an upload retried after a lost answer writes nothing new and a row
 * (dossier_results) points at exactly the bytes it describes. Written atomically (temp + rename).
 * `code` is always a dossier's stored code (letters, digits, ".", "-"), never the caller's text.
 */
export class ResultFileStore {
  constructor(readonly dir: string) {}

  pathOf(code: string, sha256: string): string {
    return path.join(this.dir, code, `${sha256}.pdf`);
  }

  has(code: string, sha256: string): boolean {
    return existsSync(this.pathOf(code, sha256));
  }

  /** Keeps the bytes (once) and answers their SHA-256. */
  async put(code: string, body: Buffer): Promise<string> {
    const sha256 = createHash('sha256').update(body).digest('hex');
    const file = this.pathOf(code, sha256);
    if (existsSync(file)) return sha256;
    await mkdir(path.dirname(file), { recursive: true });
    const tmp = path.join(path.dirname(file), `.${sha256}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(tmp, body);
      await rename(tmp, file);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    return sha256;
  }

  /** Every result file of a dossier (its erasure, the retention purge). */
  async removeAll(code: string): Promise<void> {
    await rm(path.join(this.dir, code), { recursive: true, force: true });
  }
}
