import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { sha256Of, type BlobRead, type DossierBlobs } from './dossier-blobs';

/**
 * A centre's dossier files in a directory beside its SQLite database (the single-centre default),
 * in the layout centres already have: the scan at `<dir>/<code>.pdf`, each result file at
 * `<dir>/results/<code>/<sha256>.pdf` (named by content, so a retried upload writes nothing new).
 * Every write is atomic (temp file + rename). The scan's file is the dossier's latest: its name
 * does not carry the SHA-256, so `hasScan` / `openScan` answer for whatever file is there.
 */
export class DirectoryBlobs implements DossierBlobs {
  constructor(readonly dir: string) {}

  private scanPath(code: string): string {
    return path.join(this.dir, `${code}.pdf`);
  }

  private resultPath(code: string, sha256: string): string {
    return path.join(this.dir, 'results', code, `${sha256}.pdf`);
  }

  async putScan(code: string, _sha256: string, body: Buffer): Promise<void> {
    await writeAtomically(this.scanPath(code), body);
  }

  async hasScan(code: string): Promise<boolean> {
    return existsSync(this.scanPath(code));
  }

  openScan(code: string): Promise<BlobRead | null> {
    return openFile(this.scanPath(code));
  }

  async putResult(code: string, body: Buffer): Promise<string> {
    const sha256 = sha256Of(body);
    const file = this.resultPath(code, sha256);
    if (!existsSync(file)) await writeAtomically(file, body);
    return sha256;
  }

  async hasResult(code: string, sha256: string): Promise<boolean> {
    return existsSync(this.resultPath(code, sha256));
  }

  openResult(code: string, sha256: string): Promise<BlobRead | null> {
    return openFile(this.resultPath(code, sha256));
  }

  async removeAll(code: string): Promise<void> {
    await rm(this.scanPath(code), { force: true });
    await rm(path.join(this.dir, 'results', code), { recursive: true, force: true });
  }
}

async function writeAtomically(file: string, body: Buffer): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, body);
    await rename(tmp, file);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

async function openFile(file: string): Promise<BlobRead | null> {
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? { bytes: info.size, stream: createReadStream(file) } : null;
}
