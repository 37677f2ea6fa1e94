import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { normalisePairingCode, PairAnswerSchema, PairRequestSchema, type PairAnswer } from '../../core/protocol/pairing-commands';
import { ok } from '../../core/result';
import { describeIssues } from '../../core/validation';
import { refuse } from '../http-refusals';
import { AttemptLimiter } from './pairing-rate-limit';
import type { PairingService } from './pairing-service';

/** A pairing body is `{"code":"1234 5678"}`: anything past 1 KiB is refused before it is read. */
export const MAX_PAIR_BODY_BYTES = 1024;
/** Attempts a minute from one address. */
export const PAIR_ATTEMPTS_PER_MINUTE = 10;

export interface PairingRouteDeps {
  readonly pairing: PairingService;
  /** The centre's CA the terminal pins; null for a plain-HTTP hub or certificates without a CA file. */
  readonly ca: { readonly pem: string; readonly fingerprint: string } | null;
  readonly clock: () => Date;
}

/**
 * `POST /api/pair {code}`: the one public route that gives out a credential. Strict body, 1 KiB
 * at most, rate limited per address; every refusal is typed and changes nothing.
 */
export function registerPairingRoute(app: FastifyInstance, deps: PairingRouteDeps): void {
  const limiter = new AttemptLimiter(PAIR_ATTEMPTS_PER_MINUTE, 60_000, deps.clock);
  // Counted in onRequest, before any body is read: an oversized or malformed attempt counts too.
  const onRequest = async (req: FastifyRequest, reply: FastifyReply) => {
    const wait = limiter.attempt(req.ip);
    if (wait === null) return;
    void reply.header('retry-after', String(wait)).header('connection', 'close');
    return refuse(reply, 429, 'forbidden', `Thử ghép nối quá nhiều lần; thử lại sau ${wait} giây (too many pairing attempts).`);
  };
  app.post('/api/pair', { bodyLimit: MAX_PAIR_BODY_BYTES, onRequest }, async (req, reply) => {
    const body = PairRequestSchema.safeParse(req.body);
    if (!body.success) return refuse(reply, 400, 'invalid-input', describeIssues('pair', body.error).replaceAll('\n', '; '));
    const code = normalisePairingCode(body.data.code);
    if (!code) return refuse(reply, 400, 'invalid-input', 'Mã ghép nối gồm 8 chữ số (a pairing code is 8 digits).');
    const paired = await deps.pairing.pair(code, req.ip, deps.clock());
    if (!paired.ok) return refuse(reply, 401, paired.error.kind, paired.error.message);
    const answer: PairAnswer = { ...paired.value, caFingerprint: deps.ca?.fingerprint ?? null, caPem: deps.ca?.pem ?? null };
    return reply.code(200).send(ok(answer));
  });
}

/** The route in the OpenAPI document. */
export function pairingOpenApiPaths(resultSchema: (value: z.ZodType) => unknown): Record<string, unknown> {
  const refused = { description: 'Refused; nothing changed', content: { 'application/json': { schema: { $ref: '#/components/schemas/Failure' } } } };
  return {
    '/api/pair': {
      post: {
        operationId: 'pair',
        summary: `A new terminal exchanges a one-time pairing code for its credential and the centre's CA (public; ${PAIR_ATTEMPTS_PER_MINUTE} attempts a minute per address; body ≤ ${MAX_PAIR_BODY_BYTES} bytes)`,
        requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(PairRequestSchema) } } },
        responses: { '200': { description: 'Paired', content: { 'application/json': { schema: resultSchema(PairAnswerSchema) } } }, '400': refused, '401': refused, '413': refused, '415': refused, '429': refused },
      },
    },
  };
}
