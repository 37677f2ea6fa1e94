import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

/** One stored PDF, opened for sending: its length and its bytes as a stream. */
export interface BlobRead {
  readonly bytes: number;
  readonly stream: Readable;
}

/**
 * The bytes of a dossier's files — its scanned papers (one PDF, replaced after a supplement) and
 * its result files (kept by SHA-256, once) — behind one contract, so every route, the retention
 * purge and the province import work the same on either store. The rows that describe them
 * (dossier_files, dossier_results) stay in the dossier repository; this holds bytes only.
 * Two implementations: the directory beside a centre's SQLite file (hub/dossiers/directory-blobs.ts)
 * and the province database (hub/store/pg/pg-dossier-blobs.ts), which every hub process reaches.
 * `code` is always a dossier's stored code (letters, digits, ".", "-"), never the caller's text.
 */
export interface DossierBlobs {
  /** Keeps the dossier's scan (the bytes whose SHA-256 is `sha256`), replacing an earlier one. */
  putScan(code: string, sha256: string, body: Buffer): Promise<void>;
  /** The scan is held (with those bytes, where the implementation keys by content). */
  hasScan(code: string, sha256: string): Promise<boolean>;
  openScan(code: string, sha256: string): Promise<BlobRead | null>;
  /** Keeps a result file's bytes (once: the same bytes again write nothing) and answers their SHA-256. */
  putResult(code: string, body: Buffer): Promise<string>;
  hasResult(code: string, sha256: string): Promise<boolean>;
  openResult(code: string, sha256: string): Promise<BlobRead | null>;
  /** Every file of a dossier: the retention purge, once the dossier's rows are deleted. */
  removeAll(code: string): Promise<void>;
}

export function sha256Of(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
