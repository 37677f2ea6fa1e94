import { Readable } from 'node:stream';
import { sha256Of, type BlobRead, type DossierBlobs } from '../../dossiers/dossier-blobs';
import type { PgStore } from './pg-store';

/** A download reads this many bytes per statement: a 200 MB scan never sits whole in the process. */
export const BLOB_SLICE_BYTES = 1024 * 1024;

type Kind = 'scan' | 'result';

/**
 * Dossiers' file bytes in the province database (PostgreSQL migration 0016, table dossier_blobs),
 * the twin of the directory beside a centre's SQLite file: a scan uploaded through one hub process
 * opens through any other, wherever it runs. Keyed by dossier code + kind + SHA-256, inserted
 * `ON CONFLICT DO NOTHING` (a retried upload, or two processes storing the same bytes at once,
 * hold them once). Codes are province-wide, so this is not bound to a centre. Writes join the
 * running transaction if there is one (PgStore.sql), else commit on their own.
 */
export class PgDossierBlobs implements DossierBlobs {
  constructor(private readonly store: PgStore) {}

  /** The new scan in, the dossier's earlier scans out, in one transaction. */
  async putScan(code: string, sha256: string, body: Buffer): Promise<void> {
    await this.store.transaction(async () => {
      await this.insert(code, 'scan', sha256, body);
      await this.store.sql.run(`DELETE FROM dossier_blobs WHERE dossier_code = $1 AND kind = 'scan' AND sha256 <> $2`, [code, sha256]);
    });
  }

  hasScan(code: string, sha256: string): Promise<boolean> {
    return this.has(code, 'scan', sha256);
  }

  openScan(code: string, sha256: string): Promise<BlobRead | null> {
    return this.open(code, 'scan', sha256);
  }

  async putResult(code: string, body: Buffer): Promise<string> {
    const sha256 = sha256Of(body);
    await this.insert(code, 'result', sha256, body);
    return sha256;
  }

  hasResult(code: string, sha256: string): Promise<boolean> {
    return this.has(code, 'result', sha256);
  }

  openResult(code: string, sha256: string): Promise<BlobRead | null> {
    return this.open(code, 'result', sha256);
  }

  async removeAll(code: string): Promise<void> {
    await this.store.sql.run('DELETE FROM dossier_blobs WHERE dossier_code = $1', [code]);
  }

  private async insert(code: string, kind: Kind, sha256: string, body: Buffer): Promise<void> {
    await this.store.sql.run('INSERT INTO dossier_blobs (dossier_code, kind, sha256, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [code, kind, sha256, body]);
  }

  private async has(code: string, kind: Kind, sha256: string): Promise<boolean> {
    return (await this.store.sql.row('SELECT 1 FROM dossier_blobs WHERE dossier_code = $1 AND kind = $2 AND sha256 = $3', [code, kind, sha256])) !== null;
  }

  /**
   * The length first, then the bytes slice by slice as the client reads them. A row deleted
   * mid-download (the purge, a newer scan) ends the stream with an error rather than short.
   */
  private async open(code: string, kind: Kind, sha256: string): Promise<BlobRead | null> {
    const found = await this.store.sql.row<{ n: string }>('SELECT octet_length(bytes)::bigint AS n FROM dossier_blobs WHERE dossier_code = $1 AND kind = $2 AND sha256 = $3', [code, kind, sha256]);
    if (!found) return null;
    const bytes = Number(found.n);
    const sql = this.store.sql;
    async function* slices(): AsyncGenerator<Buffer> {
      for (let from = 0; from < bytes; from += BLOB_SLICE_BYTES) {
        const slice = await sql.row<{ b: Buffer }>('SELECT substring(bytes FROM $4 FOR $5) AS b FROM dossier_blobs WHERE dossier_code = $1 AND kind = $2 AND sha256 = $3', [code, kind, sha256, from + 1, BLOB_SLICE_BYTES]);
        if (!slice) throw new Error(`Tệp ${sha256.slice(0, 12)}… của hồ sơ ${code} vừa bị xoá trong lúc tải.`);
        yield slice.b;
      }
    }
    return { bytes, stream: Readable.from(slices(), { objectMode: false }) };
  }
}
