import { dossierCodeFromScan } from '../../core/dossiers/dossier-code';
import { MAX_RESULT_BYTES, parseResultFileRef } from '../../core/dossiers/result-files';
import { ERROR_KINDS, err, ok, type AppError, type Result } from '../../core/result';
import { hubRestFetch, restFailureKind, type HubAddresses, type HubResponse } from './hub-rest';

/**
 * A file the hub serves to this device (`hubPath`: its /api/… path): the bytes, or the hub's
 * refusal as not-found / forbidden / internal; no answer at any address is `failed` in words.
 */
async function getHubFile(hub: HubAddresses, token: string, hubPath: string, failed: string): Promise<Result<Buffer>> {
  let res: HubResponse;
  try {
    res = await hubRestFetch(hub, hubPath, { headers: { authorization: `Bearer ${token}` }, timeoutMs: 30_000 });
  } catch (e) {
    return err(restFailureKind(e), `${failed}: ${(e as Error).message}`);
  }
  if (res.ok) return ok(Buffer.from(await res.arrayBuffer()));
  const body = (await res.json().catch(() => null)) as { error?: AppError } | null;
  const kind = res.status === 404 ? 'not-found' : res.status === 403 ? 'forbidden' : 'internal';
  return err(kind, body?.error?.message ?? `Máy chủ trả lời HTTP ${res.status}`);
}

/** Where the hub keeps a dossier's scanned PDF (hub/dossiers/dossier-files.ts). */
function pdfPath(code: string): string {
  return `/api/dossiers/${encodeURIComponent(code)}/pdf`;
}

/**
 * A dossier's PDF from the hub, with the device's token: the counter (any dossier) and the back
 * office (its department's) show it through their agent's /files/dossier-pdf/<code>.
 */
export async function fetchHubPdf(hub: HubAddresses, token: string, id: string): Promise<Result<Buffer>> {
  const code = dossierCodeFromScan(id);
  if (code === null) return err('invalid-input', `“${id.slice(0, 40)}” không phải mã hồ sơ.`);
  return getHubFile(hub, token, pdfPath(code), 'Không lấy được tệp PDF từ máy chủ');
}

/**
 * A result file of a dossier from the hub (hub/dossiers/dossier-result-routes.ts), named by the
 * screens as "<dossier code>~<result id>" (core/dossiers/result-files.ts resultFileRef): any counter
 * hands it over, the dossier's back office checks it; the hub says who may.
 */
export async function fetchHubResult(hub: HubAddresses, token: string, ref: string): Promise<Result<Buffer>> {
  const parsed = parseResultFileRef(ref);
  if (parsed === null) return err('invalid-input', `“${ref.slice(0, 60)}” không phải tệp kết quả của hồ sơ.`);
  return getHubFile(hub, token, `/api/dossiers/${encodeURIComponent(parsed.code)}/results/${parsed.id}`, 'Không lấy được tệp kết quả từ máy chủ');
}

/**
 * Uploads a dossier's scanned PDF to the hub. invalid-input: the hub will never take this PDF
 * (400/413/415); hub-unreachable: it may later (no answer, 404 before the route exists, 5xx).
 */
export async function putHubPdf(hub: HubAddresses, token: string, code: string, pdf: Buffer): Promise<Result<{ pages: number; bytes: number }>> {
  let res: HubResponse;
  try {
    res = await hubRestFetch(hub, pdfPath(code), {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
      body: new Uint8Array(pdf),
      timeoutMs: 30_000,
    });
  } catch (e) {
    return err(restFailureKind(e), `Không gửi được tệp PDF lên máy chủ: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as { ok?: boolean; value?: { pages?: number; bytes?: number }; error?: AppError } | null;
  if (res.ok && body?.ok && typeof body.value?.pages === 'number' && typeof body.value.bytes === 'number') return ok({ pages: body.value.pages, bytes: body.value.bytes });
  const message = body?.error?.message ?? `HTTP ${res.status}`;
  return err(res.status === 400 || res.status === 413 || res.status === 415 ? 'invalid-input' : 'hub-unreachable', message);
}

/**
 * Sends a result file the back office picked to the hub (PUT /api/dossiers/:code/results?name=,
 * hub/dossiers/dossier-result-routes.ts) with the device's token. The hub's typed refusal comes
 * back as it is (not a PDF, wrong status, 20 files already, another department's dossier); a body
 * the hub would not even read (413) says so in words; no answer is hub-unreachable.
 */
export async function putHubResult(hub: HubAddresses, token: string, code: string, name: string, pdf: Uint8Array): Promise<Result<void>> {
  let res: HubResponse;
  try {
    res = await hubRestFetch(hub, `/api/dossiers/${encodeURIComponent(code)}/results?${new URLSearchParams({ name })}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
      body: pdf,
      // A 50 MB file over a slow office link: more time than a scanned dossier gets.
      timeoutMs: 120_000,
    });
  } catch (e) {
    return err(restFailureKind(e), `Không gửi được tệp kết quả lên máy chủ: ${(e as Error).message}`);
  }
  const body = (await res.json().catch(() => null)) as { ok?: boolean; error?: AppError } | null;
  if (res.ok && body?.ok) return ok(undefined);
  if (res.status === 413) return err('invalid-input', `Tệp quá lớn: máy chủ nhận tệp kết quả tối đa ${MAX_RESULT_BYTES / 1024 / 1024} MB.`);
  if (body?.error && (ERROR_KINDS as readonly string[]).includes(body.error.kind)) return err(body.error.kind, body.error.message);
  return err(res.status >= 500 ? 'hub-unreachable' : 'internal', `Máy chủ trả lời HTTP ${res.status}`);
}
