import { dayInZone } from '../calendar/zoned-format';
import { err, ok, type Result } from '../result';
import type { Service } from './types';

/** The centre's calendar day for an instant, e.g. "2026-11-22", in the centre's IANA time zone. */
export function serviceDay(at: Date, timeZone: string): string {
  return dayInZone(at, timeZone);
}

export type NumberedService = Pick<Service, 'id' | 'numberFrom' | 'numberTo'>;

/*
 * A service's daily block is shared by two kinds of issue that must never meet: online tickets
 * count up from numberFrom (so the day starts at 1001, as citizens and clerks expect), and kiosks'
 * leases for issuing while the hub is away are taken from the top, going down (1990–1999, then
 * 1980–1989, …). `lowestLeased` is the lowest number leased to any kiosk for the service today
 * (null: none), `lastIssued` the last online number of the day (null: none yet).
 */

function exhausted(service: NumberedService, lowestLeased: number | null): Result<never> {
  const reserve = lowestLeased === null ? '' : `; từ số ${lowestLeased} là số dự phòng đã cấp cho ki-ốt`;
  return err('exhausted', `Dịch vụ "${service.id}" đã hết số trong ngày (khối ${service.numberFrom}–${service.numberTo}${reserve}).`);
}

/** The next online number: after the last one issued today, below every number leased to a kiosk. */
export function nextNumber(service: NumberedService, lastIssued: number | null, lowestLeased: number | null): Result<number> {
  const next = lastIssued === null ? service.numberFrom : lastIssued + 1;
  const ceiling = lowestLeased === null ? service.numberTo : Math.min(service.numberTo, lowestLeased - 1);
  return next > ceiling ? exhausted(service, lowestLeased) : ok(next);
}

/**
 * A kiosk's next lease: up to `count` numbers just below the lowest leased today (the top of the
 * block if none), never reaching the last online number; fewer when the two are close.
 */
export function nextLeaseBlock(service: NumberedService, lastIssued: number | null, lowestLeased: number | null, count: number): Result<{ from: number; to: number }> {
  const to = lowestLeased === null ? service.numberTo : Math.min(service.numberTo, lowestLeased - 1);
  const floor = lastIssued === null ? service.numberFrom : lastIssued + 1;
  if (count < 1 || to < floor) return exhausted(service, lowestLeased);
  return ok({ from: Math.max(floor, to - count + 1), to });
}

/**
 * The answer of an online `ticket:issue` that a kiosk's offline ticket (paper number `paper`)
 * superseded: the citizen already holds the paper. Logged as that command's answer when the
 * delivery arrives, so the original, should it still reach the hub, is answered this and runs not.
 * (A migration passes a marker string for `paper` to build the same text in SQL.)
 */
export function supersededAnswer(paper: number | string): Result<never> {
  return err('conflict', `Lượt lấy số này đã được phát vé số ${paper} khi mất kết nối máy chủ.`);
}
