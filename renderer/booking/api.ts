import type { ApiAnswer } from '../../core/booking/booking-api';
import type { BookingError } from '../../core/booking/booking-refusals';
import { bookingApiBase } from '../../core/public/page-address';

/** "<prefix>/dat-lich/api/": the page's own address with whatever path a front put before it (docs/province.md). */
const API = bookingApiBase(location.pathname);

/** The page's calls to <prefix>/dat-lich/api/…: JSON in, the hub's typed answer out; a network failure is an answer too. */
export async function api<T>(route: string, body?: unknown): Promise<ApiAnswer<T>> {
  try {
    const res = await fetch(`${API}${route}`, body === undefined ? { cache: 'no-store' } : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), cache: 'no-store' });
    return (await res.json()) as ApiAnswer<T>;
  } catch {
    return { ok: false, error: { kind: 'rate-limited', message: '' } as BookingError & { network?: true } };
  }
}
