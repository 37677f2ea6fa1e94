import type { PrintDocument } from '../print-document';

/**
 * A layout: how one kind of paper is built from its data, and a sample of
 * that data for tests, `motcua render --sample` and the reference pictures.
 */
export interface Layout<D> {
  readonly kind: string;
  /** What a clerk calls the paper. */
  readonly title: string;
  readonly sample: D;
  /** Throws RangeError for data that cannot be printed (negative counts, unknown time zone, empty names). */
  document(data: D): PrintDocument;
  /** What each QR code on the paper must scan to, in order. */
  qrContents(data: D): readonly string[];
}
