import type { z } from 'zod';
import { DeliveryLogSchema, ResendDeliveryOutputSchema, type DeliveryLog, type DeliveryLogQuery } from '../../core/integrations/outbound-events';
import { resultSchema } from '../../core/protocol/result-schema';
import { err, type Result } from '../../core/result';
import type { AdminSessionClient } from './admin-session-client';
import { hubRestFetch, restFailureKind, type HubAddresses } from './hub-rest';

export interface HubDeliveriesClientOptions {
  /** Read at each call (a getter): the socket's address first (hub-rest.ts). */
  readonly hubAddresses: HubAddresses;
  readonly token: string;
  readonly timeoutMs?: number;
}

/**
 * The admin terminal's delivery log: GET /api/admin/deliveries and POST …/:id/resend on the hub,
 * with this device's token and the signed-in administrator's session (the same AdminSessionClient
 * the statistics use).
 */
export class HubDeliveriesClient {
  constructor(
    private readonly options: HubDeliveriesClientOptions,
    private readonly session: Pick<AdminSessionClient, 'header'>,
  ) {}

  async log(query: DeliveryLogQuery): Promise<Result<DeliveryLog>> {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'));
    return this.call('GET', `/api/admin/deliveries${params.size > 0 ? `?${params}` : ''}`, DeliveryLogSchema);
  }

  async resend(id: number): Promise<Result<z.infer<typeof ResendDeliveryOutputSchema>>> {
    return this.call('POST', `/api/admin/deliveries/${id}/resend`, ResendDeliveryOutputSchema);
  }

  private async call<S extends z.ZodType>(method: 'GET' | 'POST', path: string, schema: S): Promise<Result<z.infer<S>>> {
    let body: unknown;
    try {
      // The log's GET tries the next address if this one is down; a resend's POST does not.
      const res = await hubRestFetch(this.options.hubAddresses, path, {
        method,
        headers: { authorization: `Bearer ${this.options.token}`, ...this.session.header() },
        timeoutMs: this.options.timeoutMs ?? 15_000,
      });
      body = await res.json().catch(() => null);
    } catch (e) {
      return err(restFailureKind(e), `Không kết nối được máy chủ: ${e instanceof Error ? e.message : String(e)}`);
    }
    const parsed = resultSchema(schema).safeParse(body);
    if (!parsed.success) return err('internal', 'Máy chủ trả lời nhật ký gửi dữ liệu không đúng định dạng.');
    return parsed.data as Result<z.infer<S>>;
  }
}
