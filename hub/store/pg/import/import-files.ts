import { buffer } from 'node:stream/consumers';
import type { Database } from 'better-sqlite3';
import type pg from 'pg';
import { DirectoryBlobs } from '../../../dossiers/directory-blobs';
import { sha256Of } from '../../../dossiers/dossier-blobs';

type Queryable = Pick<pg.ClientBase, 'query'>;

export interface ImportedFiles {
  /** The directory read (the centre's `dossier-files`). */
  readonly dir: string;
  readonly scans: number;
  readonly results: number;
  readonly bytes: number;
  /** Files a row describes that are absent, or whose bytes are not the row's SHA-256: `<code> scan|result <sha256>`. Not imported. */
  readonly missing: readonly string[];
}

/**
 * Carries a centre's dossier files (hub/dossiers/directory-blobs.ts layout) into dossier_blobs, in
 * the import's transaction: every scan and result file a row of the file describes, checked
 * against the row's SHA-256 (one file at a time in memory). A file that is absent or not the
 * bytes its row describes is listed, not imported: the operator sees which.
 */
export async function importDossierFiles(db: Queryable, source: Database, dir: string): Promise<ImportedFiles> {
  const files = new DirectoryBlobs(dir);
  const wanted = [
    ...(source.prepare(`SELECT dossier_code AS code, sha256, 'scan' AS kind FROM dossier_files ORDER BY dossier_code`).all() as Row[]),
    ...(source.prepare(`SELECT dossier_code AS code, sha256, 'result' AS kind FROM dossier_results ORDER BY id`).all() as Row[]),
  ];
  let scans = 0;
  let results = 0;
  let bytes = 0;
  const missing: string[] = [];
  for (const row of wanted) {
    const opened = row.kind === 'scan' ? await files.openScan(row.code) : await files.openResult(row.code, row.sha256);
    const body = opened ? await buffer(opened.stream) : null;
    if (!body || sha256Of(body) !== row.sha256) {
      missing.push(`${row.code} ${row.kind} ${row.sha256}`);
      continue;
    }
    await db.query('INSERT INTO dossier_blobs (dossier_code, kind, sha256, bytes) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [row.code, row.kind, row.sha256, body]);
    if (row.kind === 'scan') scans++;
    else results++;
    bytes += body.length;
  }
  return { dir, scans, results, bytes, missing };
}

interface Row {
  readonly code: string;
  readonly sha256: string;
  readonly kind: 'scan' | 'result';
}
