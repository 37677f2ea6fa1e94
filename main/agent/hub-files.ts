import { dossierCodeFromScan } from '../../core/dossiers/dossier-code';
import { err, ok, type AppError, type Result } from '../../core/result';

/** Where the hub keeps a dossier's scanned PDF (hub/dossiers/dossier-files.ts). */
export function hubPdfUrl(hubUrl: string, code: string): string {
  return new URL(`/api/dossiers/${encodeURIComponent(code)}/pdf`, hubUrl).toString();
}

/**
 * A dossier's PDF from the hub, with the device's token: the counter (any dossier) and the back
 * office (its department's) show it through their agent's /files/dossier-pdf/<code>.
 */
export async function fetchHubPdf(hubUrl: string, token: string, id: string): Promise<Result<Buffer>> {
  const code = dossierCodeFromScan(id);
  if (code === null) return err('invalid-input', `“${id.slice(0, 40)}” không phải mã hồ sơ.`);
  let res: Response;
  try {
    res = await fetch(hubPdfUrl(hubUrl, code), { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  } catch (e) {
    return err('hub-unreachable', `Không lấy được tệp PDF từ máy chủ: ${(e as Error).message}`);
  }
  if (res.ok) return ok(Buffer.from(await res.arrayBuffer()));
  const body = (await res.json().catch(() => null)) as { error?: AppError } | null;
  const kind = res.status === 404 ? 'not-found' : res.status === 403 ? 'forbidden' : 'internal';
  return err(kind, body?.error?.message ?? `Máy chủ trả lời HTTP ${res.status}`);
}
