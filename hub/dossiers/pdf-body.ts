import { PDFDocument } from 'pdf-lib';
import { err, ok, type Result } from '../../core/result';

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');

/**
 * An uploaded body checked as a PDF (a scanned dossier, a result file): not empty, starting with
 * "%PDF-", and readable by pdf-lib (its pages counted). Each refusal says what was wrong.
 */
export async function readPdfBody(body: unknown, what: string): Promise<Result<{ readonly body: Buffer; readonly pages: number }>> {
  if (!Buffer.isBuffer(body) || body.length === 0) return err('invalid-input', `Gửi ${what} (tệp PDF) trong thân yêu cầu, với "Content-Type: application/pdf".`);
  if (!body.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return err('invalid-input', `${capitalise(what)} gửi lên không phải PDF (không bắt đầu bằng "%PDF-").`);
  try {
    const pages = (await PDFDocument.load(body, { ignoreEncryption: true, updateMetadata: false })).getPageCount();
    return ok({ body, pages });
  } catch (e) {
    return err('invalid-input', `Không đọc được tệp PDF (${what}): ${(e as Error).message}`);
  }
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
