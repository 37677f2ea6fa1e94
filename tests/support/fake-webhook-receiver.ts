import { Webhook } from 'standardwebhooks';
import { startFakeServer, jsonBody, type FakeReply, type FakeServer } from './fake-http-server';

/**
 * A department's webhook endpoint: verifies every delivery with `standardwebhooks`' own
 * Webhook.verify (signature and timestamp tolerance), answers 401 to a bad one, and keeps each
 * webhook-id once (a retry of a delivered message is counted, not stored twice). Its next
 * answers can be scripted: 500, 429 with Retry-After, 410, a slow answer.
 */
export interface ReceivedWebhook {
  readonly id: string;
  readonly type: string;
  readonly timestamp: string;
  readonly data: Record<string, unknown>;
  readonly signatureHeader: string;
}

export interface FakeWebhookReceiver extends FakeServer {
  readonly received: ReceivedWebhook[];
  /** Deliveries refused: bad or missing signature, stale timestamp. */
  readonly rejected: string[];
  /** Deliveries whose webhook-id was already received. */
  readonly duplicates: string[];
  /** How many requests came in at all. */
  readonly requests: number;
  /** The next requests get these answers (after verification), in order. */
  answerNext(...replies: FakeReply[]): void;
}

export async function startFakeWebhookReceiver(options: { readonly secret: string }): Promise<FakeWebhookReceiver> {
  const verifier = new Webhook(options.secret);
  const received: ReceivedWebhook[] = [];
  const rejected: string[] = [];
  const duplicates: string[] = [];
  const scripted: FakeReply[] = [];
  let requests = 0;
  const server = await startFakeServer((request) => {
    requests += 1;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers)) if (typeof v === 'string') headers[k] = v;
    try {
      verifier.verify(request.body, headers);
    } catch (e) {
      rejected.push((e as Error).message);
      return { status: 401, body: { error: (e as Error).message } };
    }
    const script = scripted.shift();
    if (script && (script.status ?? 200) >= 300) return script;
    const id = headers['webhook-id']!;
    if (received.some((r) => r.id === id)) duplicates.push(id);
    else {
      const body = jsonBody(request) as { type: string; timestamp: string; data: Record<string, unknown> };
      received.push({ id, type: body.type, timestamp: body.timestamp, data: body.data, signatureHeader: headers['webhook-signature']! });
    }
    return script ?? { status: 204 };
  });
  return {
    ...server,
    received,
    rejected,
    duplicates,
    get requests() {
      return requests;
    },
    answerNext: (...replies) => scripted.push(...replies),
  };
}
