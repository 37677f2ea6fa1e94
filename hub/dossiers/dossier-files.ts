import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DeviceInfo } from '../../core/devices';
import type { Dossier } from '../../core/dossiers/dossier';
import { err, ok, type Result } from '../../core/result';
import { sha256Of, type DossierBlobs } from './dossier-blobs';
import type { DossierService } from './dossier-service';
import { readPdfBody } from './pdf-body';

/** A scanned dossier of a few hundred pages at 300 dpi stays well under this. */
export const MAX_PDF_BYTES = 200 * 1024 * 1024;

export interface DossierFileRoutesDeps {
  readonly dossiers: DossierService;
  /** Where the PDFs' bytes are (the directory beside the SQLite file, or the province database). */
  readonly blobs: DossierBlobs;
  readonly clock: () => Date;
  readonly authenticate: (req: FastifyRequest) => Promise<DeviceInfo | null>;
  readonly send: <T>(reply: FastifyReply, result: Result<T>) => FastifyReply;
}

const UNAUTHORIZED = err('unauthorized', 'Thiếu mã thiết bị: gửi "Authorization: Bearer <token>" (Send the device token as a bearer token).');

/**
 * The scanned papers of a dossier as one PDF: the counter uploads it (again after a supplement:
 * the new file replaces the old), any counter and the back office of the dossier's department
 * download it. The bytes go to the store's DossierBlobs first, then the dossier's file record.
 */
export function registerDossierFileRoutes(app: FastifyInstance, deps: DossierFileRoutesDeps): void {
  const { send } = deps;
  // The PDF parser lives in its own plugin scope: no other route reads application/pdf (415),
  // and this one reads it only after onRequest has accepted the device (no body read before).
  const uploaders = new WeakMap<FastifyRequest, DeviceInfo>();
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: MAX_PDF_BYTES }, (_req, body, done) => done(null, body));
    const onRequest = async (req: FastifyRequest, reply: FastifyReply) => {
      const device = await deps.authenticate(req);
      if (!device) return send(reply, UNAUTHORIZED);
      if (device.role !== 'counter') return send(reply, err('forbidden', `Chỉ máy quầy tiếp nhận mới gửi được bản quét hồ sơ (thiết bị "${device.id}" là ${device.role}).`));
      uploaders.set(req, device);
    };
    scope.put('/api/dossiers/:code/pdf', { bodyLimit: MAX_PDF_BYTES, onRequest }, (req, reply) => upload(req, reply));
  });

  async function upload(req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
    const device = uploaders.get(req);
    if (!device) return send(reply, UNAUTHORIZED);
    const now = deps.clock();
    const { code } = req.params as { code: string };
    const dossier = await deps.dossiers.byCode(code, now);
    if (!dossier) return send(reply, err('not-found', `Không tìm thấy hồ sơ mã ${code}.`));
    if (!(await deps.dossiers.receivedHere(dossier.code))) return send(reply, err('forbidden', `Hồ sơ ${dossier.code} được tiếp nhận ở trung tâm khác: quầy "${device.id}" không gửi bản quét cho hồ sơ này.`));
    const pdf = await readPdfBody(req.body, 'bản quét hồ sơ');
    if (!pdf.ok) return send(reply, pdf);
    const { body, pages } = pdf.value;
    const sha256 = sha256Of(body);
    const known = await deps.dossiers.fileOf(dossier.code);
    // The same bytes again (a retried upload): the same answer, nothing rewritten, nobody told.
    if (known && known.sha256 === sha256 && (await deps.blobs.hasScan(dossier.code, sha256))) return send(reply, ok({ pages: known.pages, bytes: known.bytes, sha256 }));

    try {
      await deps.blobs.putScan(dossier.code, sha256, body);
    } catch (e) {
      return send(reply, err('internal', `Không lưu được bản quét của hồ sơ ${dossier.code}: ${(e as Error).message}`));
    }
    await deps.dossiers.attachPdf(dossier.code, { pages, bytes: body.length, sha256 }, device.id, now);
    return send(reply, ok({ pages, bytes: body.length, sha256 }));
  }

  app.get('/api/dossiers/:code/pdf', async (req, reply) => {
    const device = await deps.authenticate(req);
    if (!device) return send(reply, UNAUTHORIZED);
    if (device.role !== 'counter' && device.role !== 'backoffice') {
      return send(reply, err('forbidden', `Thiết bị "${device.id}" (${device.role}) không được xem bản quét hồ sơ.`));
    }
    const { code } = req.params as { code: string };
    const dossier = await deps.dossiers.byCode(code, deps.clock());
    if (!dossier) return send(reply, err('not-found', `Không tìm thấy hồ sơ mã ${code}.`));
    if (device.role === 'backoffice' && deps.dossiers.departmentOf(device.id) !== dossier.departmentId) {
      return send(reply, err('forbidden', `Hồ sơ ${dossier.code} không thuộc phòng của thiết bị "${device.id}".`));
    }
    if (device.role === 'counter' && !deps.dossiers.seenByCountersHere(dossier)) {
      return send(reply, err('forbidden', `Hồ sơ ${dossier.code} được tiếp nhận ở ${dossier.receivedAtCentre.name} và trả kết quả ở ${dossier.collectAtCentre.name}: quầy "${device.id}" không xem được.`));
    }
    return sendScan(deps, reply, dossier, (r) => send(reply, r));
  });
}

/** Sends a dossier's scanned PDF (the device route and /api/v1), or the refusal when it has none. */
export async function sendScan(deps: Pick<DossierFileRoutesDeps, 'dossiers' | 'blobs'>, reply: FastifyReply, dossier: Dossier, refuse: (r: Result<never>) => FastifyReply): Promise<FastifyReply> {
  const known = await deps.dossiers.fileOf(dossier.code);
  const scan = known ? await deps.blobs.openScan(dossier.code, known.sha256) : null;
  if (!known || !scan) return refuse(err('not-found', `Hồ sơ ${dossier.code} chưa có bản quét PDF.`));
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${dossier.code}.pdf"`)
    .header('content-length', scan.bytes)
    .header('etag', `"${known.sha256}"`)
    .send(scan.stream);
}
