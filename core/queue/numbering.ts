import { dayInZone } from '../calendar/zoned-format';
import { err, ok, type Result } from '../result';
import type { Service } from './types';

/** The centre's calendar day for an instant, e.g. "2026-11-22", in the centre's IANA time zone. */
export function serviceDay(at: Date, timeZone: string): string {
  return dayInZone(at, timeZone);
}

/** The next number of a service's daily block, given the last number issued today (null: none yet). */
export function nextNumber(service: Pick<Service, 'id' | 'numberFrom' | 'numberTo'>, lastIssued: number | null): Result<number> {
  const next = lastIssued === null ? service.numberFrom : lastIssued + 1;
  if (next > service.numberTo) {
    return err('exhausted', `Dịch vụ "${service.id}" đã hết số trong ngày (khối ${service.numberFrom}–${service.numberTo}).`);
  }
  return ok(next);
}
