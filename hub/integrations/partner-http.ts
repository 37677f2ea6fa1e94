import { fetch, type Dispatcher } from 'undici';
import type { z } from 'zod';
import { capMessage, describeIssues } from '../../core/validation';
import { partnerErr, partnerOk, type PartnerResult } from './partner-result';

/** One HTTP answer, read whole (partner answers are small; the body is capped). */
export interface PartnerAnswer {
  readonly status: number;
  readonly headers: Headers | { get(name: string): string | null };
  readonly text: string;
}

export interface PartnerRequest {
  readonly method?: 'POST' | 'GET';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  /** The whole call, answer body included. */
  readonly timeoutMs: number;
  /** An undici dispatcher, e.g. the webhook sender's SSRF-guarded agent. */
  readonly dispatcher?: Dispatcher;
}

/** Past this a partner's answer is not read further: none of the contracts comes near it. */
export const MAX_ANSWER_BYTES = 1024 * 1024;

function causeOf(e: unknown): string {
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (e as Error).message;
}

/**
 * Sends one request with a time limit. Redirects are not followed: a partner that moved says so
 * in its config, and a redirect must not take a request where the SSRF guard did not look.
 */
export async function callPartner(partner: string, url: string, request: PartnerRequest): Promise<PartnerResult<PartnerAnswer>> {
  const signal = AbortSignal.timeout(request.timeoutMs);
  try {
    const response = await fetch(url, {
      method: request.method ?? 'POST',
      headers: request.headers,
      body: request.body,
      redirect: 'manual',
      signal,
      ...(request.dispatcher ? { dispatcher: request.dispatcher } : {}),
    });
    const buffer = new Uint8Array(await response.arrayBuffer());
    if (buffer.byteLength > MAX_ANSWER_BYTES) return partnerErr('malformed-answer', `${partner}: answer of ${buffer.byteLength} bytes, more than ${MAX_ANSWER_BYTES}`, { status: response.status });
    return partnerOk({ status: response.status, headers: response.headers, text: new TextDecoder().decode(buffer) });
  } catch (e) {
    if (signal.aborted) return partnerErr('timeout', `${partner}: no answer within ${request.timeoutMs} ms`);
    return partnerErr('unreachable', `${partner}: ${capMessage(causeOf(e), 300)}`);
  }
}

/** The answer's JSON checked against the contract's schema: anything else is `malformed-answer`, never a throw. */
export function readJsonAnswer<S extends z.ZodType>(partner: string, answer: PartnerAnswer, schema: S): PartnerResult<z.infer<S>> {
  let raw: unknown;
  try {
    raw = JSON.parse(answer.text);
  } catch {
    const start = answer.text.trimStart().slice(0, 60);
    return partnerErr('malformed-answer', `${partner}: HTTP ${answer.status}, not JSON: "${capMessage(start, 60)}"`, { status: answer.status });
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return partnerErr('malformed-answer', describeIssues(`${partner}: answer`, parsed.error), { status: answer.status });
  return partnerOk(parsed.data);
}

/** A 2xx answer read as JSON of `schema`; any other status is `http-status`. `partner` labels both. */
export function readSuccessJson<S extends z.ZodType>(partner: string, answer: PartnerAnswer, schema: S): PartnerResult<z.infer<S>> {
  if (answer.status < 200 || answer.status >= 300) return partnerErr('http-status', `${partner}: HTTP ${answer.status}`, { status: answer.status });
  return readJsonAnswer(partner, answer, schema);
}
