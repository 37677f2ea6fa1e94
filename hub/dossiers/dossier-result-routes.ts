import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { DeviceInfo } from '../../core/devices';
import type { Dossier } from '../../core/dossiers/dossier';
import { contentDisposition, MAX_RESULT_BYTES, ResultFileNameSchema } from '../../core/dossiers/result-files';
import type { CommandOutput } from '../../core/protocol/commands';
import { err, type Result } from '../../core/result';
import { describeIssues } from '../../core/validation';
import type { CommandRunner } from '../commands/command-runner';
import type { DossierService } from './dossier-service';
import { readPdfBody } from './pdf-body';
import type { DossierBlobs } from './dossier-blobs';

export interface ResultFileDeps {
  readonly dossiers: DossierService;
  readonly runner: CommandRunner;
  readonly blobs: DossierBlobs;
  readonly clock: () => Date;
}

/** Reads application/pdf bodies up to a result file's limit, in the calling plugin scope only. */
export function acceptResultPdfBodies(scope: FastifyInstance): void {
  scope.addContentTypeParser('application/pdf', { parseAs: 'buffer', bodyLimit: MAX_RESULT_BYTES }, (_req, body, done) => done(null, body));
}

/**
 * One upload of a result file, from the back office (PUT /api/dossiers/:code/results) or an
 * agency's own software (POST /api/v1/dossiers/:code/results): the body checked as a PDF, its
 * bytes kept under their SHA-256, then recorded by `dossier:attach-result` through the runner
 * as `device` — the same rules, command log and broadcast as any other write.
 */
export async function uploadResult(deps: ResultFileDeps, device: DeviceInfo, dossier: Dossier, rawName: unknown, body: unknown): Promise<Result<CommandOutput<'dossier:attach-result'>>> {
  const name = ResultFileNameSchema.safeParse(rawName ?? '');
  if (!name.success) return err('invalid-input', describeIssues('name', name.error).replaceAll('\n', '; '));
  const pdf = await readPdfBody(body, 'tệp kết quả');
  if (!pdf.ok) return pdf;
  let sha256: string;
  try {
    sha256 = await deps.blobs.putResult(dossier.code, pdf.value.body);
  } catch (e) {
    return err('internal', `Không lưu được tệp kết quả của hồ sơ ${dossier.code}: ${(e as Error).message}`);
  }
  return deps.runner.submit(device, 'dossier:attach-result', {
    commandId: randomUUID(),
    code: dossier.code,
    name: name.data,
    pages: pdf.value.pages,
    bytes: pdf.value.body.length,
    sha256,
  });
}

/** Sends one result file of a dossier (found by its id), or the refusal. */
export async function sendResult(deps: ResultFileDeps, reply: FastifyReply, dossier: Dossier, rawId: string, refuse: (r: Result<never>) => FastifyReply): Promise<FastifyReply> {
  const id = /^[1-9]\d{0,15}$/.test(rawId) ? Number(rawId) : NaN;
  const result = (await deps.dossiers.resultsOf(dossier.code)).find((r) => r.id === id);
  const file = result ? await deps.blobs.openResult(dossier.code, result.sha256) : null;
  if (!result || !file) return refuse(err('not-found', `Hồ sơ ${dossier.code} không có tệp kết quả số ${rawId}.`));
  const name = /\.pdf$/i.test(result.name) ? result.name : `${result.name}.pdf`;
  return reply.type('application/pdf').header('content-disposition', contentDisposition(name)).header('content-length', file.bytes).header('etag', `"${result.sha256}"`).send(file.stream);
}

export interface DeviceResultRoutesDeps extends ResultFileDeps {
  readonly authenticate: (req: FastifyRequest) => Promise<DeviceInfo | null>;
  readonly send: <T>(reply: FastifyReply, result: Result<T>) => FastifyReply;
}

const UNAUTHORIZED = err('unauthorized', 'Thiếu mã thiết bị: gửi "Authorization: Bearer <token>" (Send the device token as a bearer token).');

/**
 * Result files for the centre's own devices: the back office of the dossier's department uploads
 * (PUT /api/dossiers/:code/results?name=…, body application/pdf); any counter (to hand the result
 * back) and that back office download (GET /api/dossiers/:code/results/:id).
 */
export function registerDeviceResultRoutes(app: FastifyInstance, deps: DeviceResultRoutesDeps): void {
  const { send } = deps;
  const uploaders = new WeakMap<FastifyRequest, DeviceInfo>();
  void app.register(async (scope) => {
    acceptResultPdfBodies(scope);
    // No body is read before the device is known and may upload.
    const onRequest = async (req: FastifyRequest, reply: FastifyReply) => {
      const device = await deps.authenticate(req);
      if (!device) return send(reply, UNAUTHORIZED);
      if (device.role !== 'backoffice') return send(reply, err('forbidden', `Chỉ bộ phận xử lý của phòng chuyên môn đính kèm tệp kết quả (thiết bị "${device.id}" là ${device.role}).`));
      // Another department's dossier is refused on the headers too (the command checks it again).
      const code = (req.params as { code: string }).code;
      const dossier = await deps.dossiers.byCode(code, deps.clock());
      if (!dossier) return send(reply, err('not-found', `Không tìm thấy hồ sơ mã ${code}.`));
      if (deps.dossiers.departmentOf(device.id) !== dossier.departmentId) return send(reply, err('forbidden', `Hồ sơ ${dossier.code} không thuộc phòng của thiết bị "${device.id}".`));
      uploaders.set(req, device);
    };
    scope.put('/api/dossiers/:code/results', { bodyLimit: MAX_RESULT_BYTES, onRequest }, async (req, reply) => {
      const device = uploaders.get(req);
      if (!device) return send(reply, UNAUTHORIZED);
      const dossier = await deps.dossiers.byCode((req.params as { code: string }).code, deps.clock());
      if (!dossier) return send(reply, err('not-found', `Không tìm thấy hồ sơ mã ${(req.params as { code: string }).code}.`));
      return send(reply, await uploadResult(deps, device, dossier, (req.query as Record<string, unknown>).name, req.body));
    });
  });

  app.get('/api/dossiers/:code/results/:id', async (req, reply) => {
    const device = await deps.authenticate(req);
    if (!device) return send(reply, UNAUTHORIZED);
    if (device.role !== 'counter' && device.role !== 'backoffice') return send(reply, err('forbidden', `Thiết bị "${device.id}" (${device.role}) không được xem tệp kết quả.`));
    const { code, id } = req.params as { code: string; id: string };
    const dossier = await deps.dossiers.byCode(code, deps.clock());
    if (!dossier) return send(reply, err('not-found', `Không tìm thấy hồ sơ mã ${code}.`));
    if (device.role === 'backoffice' && deps.dossiers.departmentOf(device.id) !== dossier.departmentId) {
      return send(reply, err('forbidden', `Hồ sơ ${dossier.code} không thuộc phòng của thiết bị "${device.id}".`));
    }
    if (device.role === 'counter' && !deps.dossiers.seenByCountersHere(dossier)) {
      return send(reply, err('forbidden', `Hồ sơ ${dossier.code} được tiếp nhận ở ${dossier.receivedAtCentre.name} và trả kết quả ở ${dossier.collectAtCentre.name}: quầy "${device.id}" không xem được.`));
    }
    return sendResult(deps, reply, dossier, id, (r) => send(reply, r));
  });
}

