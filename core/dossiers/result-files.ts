import { z } from 'zod';
import { err, ok, type Result } from '../result';
import type { DossierStatus } from './dossier-state';

/**
 * Result files (tệp kết quả): what the competent agency issues for a dossier — the certificate,
 * the licence, the decision — as PDFs attached by its back office or its own software (/api/v1),
 * shown at the counter that hands the result back. Pure rules, no I/O.
 */

/** A dossier carries at most this many result files. */
export const MAX_RESULT_FILES = 20;
/** One result file: a signed decision of a few pages, or a scanned certificate, stays far below. */
export const MAX_RESULT_BYTES = 50 * 1024 * 1024;

/** A file name the counter shows and the download offers: no path, no control characters, Vietnamese letters allowed. */
export const ResultFileNameSchema = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'tên tệp không được để trống')
      .max(120, 'tên tệp dài tối đa 120 ký tự')
      // eslint-disable-next-line no-control-regex
      .refine((s) => !/[\u0000-\u001f\u007f/\\"]/.test(s), 'tên tệp không chứa "/", "\\", dấu nháy kép hay ký tự điều khiển'),
  );

export const DossierResultSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  pages: z.number().int().nonnegative(),
  bytes: z.number().int().positive(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  attachedAt: z.string(),
  /** Who attached it, as Form 05 records it (the officer, or "<system> / <user> (<id>)"). */
  attachedBy: z.string(),
});
export type DossierResult = z.infer<typeof DossierResultSchema>;

/** Results are attached while the agency works on the dossier and after it is done, until it is handed back. */
const ATTACHABLE: readonly DossierStatus[] = ['processing', 'done'];

/** Whether one more result file may be attached to a dossier in `status` that has `count` already. */
export function canAttachResult(status: DossierStatus, count: number): Result<void> {
  if (!ATTACHABLE.includes(status)) {
    return err('conflict', 'Chỉ đính kèm được tệp kết quả khi hồ sơ đang giải quyết hoặc đã có kết quả (chưa trả).');
  }
  if (count >= MAX_RESULT_FILES) return err('exhausted', `Hồ sơ đã có ${MAX_RESULT_FILES} tệp kết quả (tối đa).`);
  return ok(undefined);
}

/** The "Content-Disposition" value for a download: an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** How a screen names one result file to its agent (a URL path segment): "<dossier code>~<id>". */
export function resultFileRef(code: string, id: number): string {
  return `${code}~${id}`;
}

export function parseResultFileRef(ref: string): { readonly code: string; readonly id: number } | null {
  const m = /^([0-9A-Za-z.-]{1,40})~([1-9]\d{0,15})$/.exec(ref);
  return m ? { code: m[1]!, id: Number(m[2]) } : null;
}

/** Why a picked file cannot be a result file, checked before any byte is sent; null: send it (the hub checks again). */
export type ResultFileProblem = 'empty' | 'too-big' | 'not-pdf';

/** `head`: the file's first bytes (at least 5 when it has them); a PDF starts with "%PDF-". */
export function resultFileProblem(file: { readonly bytes: number; readonly head: Uint8Array }): ResultFileProblem | null {
  if (file.bytes === 0) return 'empty';
  if (file.bytes > MAX_RESULT_BYTES) return 'too-big';
  const magic = [0x25, 0x50, 0x44, 0x46, 0x2d];
  return magic.every((b, i) => file.head[i] === b) ? null : 'not-pdf';
}

/** A picked file's name as the hub takes it (at most 120 characters), keeping its ".pdf" ending when shortened. */
export function resultFileName(picked: string): string {
  const name = picked.normalize('NFC').trim();
  if (name.length <= 120) return name;
  const ext = /\.pdf$/i.exec(name)?.[0] ?? '';
  return `${name.slice(0, 120 - ext.length).trimEnd()}${ext}`;
}
