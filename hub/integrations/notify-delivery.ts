import { decideWebhookAttempt, type WebhookAttemptOutcome } from '../../core/integrations/webhook-retry';
import { maskPhone } from '../../core/integrations/vn-phone';
import type { NotifierChain } from './notifier-chain';
import type { NotifyPayload } from './notify-recorder';
import type { OutboxRow } from './outbox-repository';
import type { PartnerError } from './partner-result';
import { REASON_DETAIL_SEPARATOR } from './portal-error-vi';

/** The admin's delivery log: short and Vietnamese, the provider's words after the separator. */
function notifyErrorVi(error: PartnerError): string {
  switch (error.kind) {
    case 'timeout':
      return 'Nhà mạng/Zalo không trả lời trong thời hạn';
    case 'unreachable':
      return 'Không kết nối được Zalo/nhà mạng';
    case 'http-status':
      return `Zalo/nhà mạng trả lỗi HTTP ${error.status ?? ''}`.trim();
    case 'malformed-answer':
      return 'Zalo/nhà mạng trả lời không đúng định dạng';
    case 'rejected':
      return `Zalo/nhà mạng từ chối tin (mã lỗi ${String(error.code ?? '?')})`;
    case 'unauthorized':
      return 'Zalo/nhà mạng từ chối tài khoản gửi tin';
    case 'quota':
      return 'Hết hạn mức gửi tin trong ngày (mọi kênh)';
    case 'invalid-input':
      return 'Tin không gửi được (số điện thoại hoặc mẫu tin)';
  }
}

/**
 * One attempt of a notify row through the chain. The row's event id is the idempotency key (ZNS
 * tracking_id, eSMS RequestId). Faults are retried on the webhooks' schedule (about a day, with
 * jitter); our own input that cannot be sent (no template for the event, a bad parameter) fails
 * at once, with the reason in the log.
 */
export async function deliverNotification(row: OutboxRow, chain: NotifierChain | null, clock: () => Date, random: () => number): Promise<WebhookAttemptOutcome> {
  if (!chain) return { kind: 'failed', reason: 'Chưa cấu hình kênh gửi tin cho công dân (integrations.notifier: zns hoặc esms).' };
  const payload = row.payload as NotifyPayload;
  const attemptedAt = clock();
  const sent = await chain.send({ to: payload.phone, kind: payload.kind, params: payload.params, idempotencyKey: row.eventId });
  if (sent.ok) return { kind: 'delivered', status: 200 };
  const reason = `${notifyErrorVi(sent.error)}${REASON_DETAIL_SEPARATOR}${sent.error.message} (${maskPhone(payload.phone)})`;
  if (sent.error.kind === 'invalid-input') return { kind: 'failed', reason };
  const decided = decideWebhookAttempt({
    attemptsMade: row.attempts + 1,
    firstAttemptAt: row.firstAttemptAt ? new Date(row.firstAttemptAt) : attemptedAt,
    now: clock(),
    result: { kind: 'network', message: sent.error.message },
    random,
  });
  return decided.kind === 'retry-at' ? { ...decided, reason } : decided.kind === 'failed' ? { kind: 'failed', reason: `${reason} (đã thử ${row.attempts + 1} lần)` } : decided;
}
