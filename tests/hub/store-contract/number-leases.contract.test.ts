import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextLeaseBlock, nextNumber } from '../../../core/queue/numbering';
import type { Service } from '../../../core/queue/types';
import { warnIfPostgresMissing } from '../../support/postgres';
import { STORE_KINDS, type StoreUnderTest } from './stores';

/**
 * NumberLeaseRepository's contract on both stores: a kiosk's leases come down from the top of the
 * block while online numbers count up, what a kiosk holds and delivered, the lease holding a
 * number, deliveries and their record, and the superseded ticket:issue. The steps are
 * NumberLeases' (hub/queue/number-leases.ts), each command in one transaction.
 */

warnIfPostgresMissing('number-leases contract');

const DAY = '2026-12-03';
const SERVICE: Pick<Service, 'id' | 'numberFrom' | 'numberTo'> = { id: 'ho-tich', numberFrom: 1001, numberTo: 1050 };
/** Command ids are UUIDs, unique province-wide (as the PostgreSQL keys are): one set per test. */
const ids = () => {
  const run = randomUUID();
  return (name: string) => `${name}-${run}`;
};
const at = (minute: number) => new Date(Date.UTC(2026, 11, 3, 1, minute)).toISOString();

/** ticket:lease-numbers as NumberLeases runs it. */
function lease(s: StoreUnderTest, deviceId: string, count: number, commandId: string): Promise<{ from: number; to: number; outstanding: number }> {
  return s.transaction(async () => {
    const outstanding = (await s.leases.leasedTo(DAY, SERVICE.id, deviceId)) - (await s.leases.deliveredTo(DAY, SERVICE.id, deviceId));
    const { lastIssued, lowestLeased } = await s.tickets.numbering(DAY, SERVICE.id);
    const block = nextLeaseBlock(SERVICE, lastIssued, lowestLeased, count);
    if (!block.ok) throw new Error(block.error.kind);
    await s.leases.insertLease({ day: DAY, serviceId: SERVICE.id, deviceId, from: block.value.from, to: block.value.to, leasedAt: at(0), commandId });
    return { ...block.value, outstanding };
  });
}

/** An online ticket:issue. */
function issueOnline(s: StoreUnderTest, minute: number): Promise<number> {
  return s.transaction(async () => {
    const { lastIssued, lowestLeased } = await s.tickets.numbering(DAY, SERVICE.id);
    const number = nextNumber(SERVICE, lastIssued, lowestLeased);
    if (!number.ok) throw new Error(number.error.kind);
    return (await s.tickets.insertTicket(DAY, SERVICE.id, number.value, at(minute), 'kiosk-2', 'normal')).number;
  });
}

/** ticket:deliver-offline as NumberLeases runs it (without the queue's announcement). */
function deliver(s: StoreUnderTest, deviceId: string, number: number, commandId: string, supersedes: string | null = null): Promise<number> {
  return s.transaction(async () => {
    const holding = await s.leases.leaseHolding(DAY, SERVICE.id, number);
    if (!holding || holding.lastNumber < number || holding.deviceId !== deviceId) throw new Error('forbidden');
    if (await s.leases.numberRecorded(DAY, SERVICE.id, number)) throw new Error('conflict');
    const ticketId = await s.leases.insertOfflineTicket(DAY, SERVICE.id, number, at(5), deviceId, 'normal');
    await s.leases.recordDelivery({
      ticketId, leaseId: holding.id, day: DAY, serviceId: SERVICE.id, number, reportedIssuedAt: at(4), deliveredAt: at(6), commandId, supersedes, supersededTicketId: null,
    });
    return ticketId;
  });
}

describe.each(STORE_KINDS)('NumberLeaseRepository contract: %s', (_name, kind) => {
  describe.skipIf(kind.missing !== null)('', () => {
    beforeAll(() => kind.setup(), 60_000);
    afterAll(() => kind.teardown());

    it('leases come down from the top, online numbers count up, and neither reaches the other', async () => {
      const s = await kind.fresh();
      const id = ids();
      expect(await lease(s, 'kiosk-1', 10, id('l-1'))).toEqual({ from: 1041, to: 1050, outstanding: 0 });
      expect(await s.tickets.numbering(DAY, SERVICE.id)).toEqual({ lastIssued: null, lowestLeased: 1041 });
      expect(await issueOnline(s, 1)).toBe(1001);
      expect(await lease(s, 'kiosk-2', 10, id('l-2'))).toEqual({ from: 1031, to: 1040, outstanding: 0 });
      expect(await lease(s, 'kiosk-1', 10, id('l-3'))).toEqual({ from: 1021, to: 1030, outstanding: 10 });
      for (let i = 0; i < 19; i++) await issueOnline(s, 2);
      expect(await s.tickets.numbering(DAY, SERVICE.id)).toEqual({ lastIssued: 1020, lowestLeased: 1021 });
      await expect(issueOnline(s, 3)).rejects.toThrow('exhausted');
      await expect(lease(s, 'kiosk-3', 10, id('l-4'))).rejects.toThrow('exhausted');
      expect(await s.leases.leasedTo(DAY, SERVICE.id, 'kiosk-1')).toBe(20);
      expect(await s.leases.leasedTo(DAY, SERVICE.id, 'kiosk-9')).toBe(0);
      // One lease per command id.
      await expect(s.transaction(() => s.leases.insertLease({ day: DAY, serviceId: SERVICE.id, deviceId: 'kiosk-1', from: 1, to: 2, leasedAt: at(9), commandId: id('l-1') }))).rejects.toThrow();
    });

    it('the lease holding a number; deliveries counted, recorded once, and the superseded issue found', async () => {
      const s = await kind.fresh();
      const id = ids();
      await lease(s, 'kiosk-1', 5, id('l-1'));
      await lease(s, 'kiosk-2', 5, id('l-2'));
      const holding = await s.leases.leaseHolding(DAY, SERVICE.id, 1048);
      expect(holding).toEqual({ id: holding!.id, deviceId: 'kiosk-1', firstNumber: 1046, lastNumber: 1050, leasedAt: at(0) });
      expect((await s.leases.leaseHolding(DAY, SERVICE.id, 1041))?.deviceId).toBe('kiosk-2');
      expect(await s.leases.leaseHolding(DAY, SERVICE.id, 1040)).toBeNull();
      expect(await s.leases.numberRecorded(DAY, SERVICE.id, 1048)).toBe(false);

      const ticketId = await deliver(s, 'kiosk-1', 1048, id('d-1'), id('issue-lost'));
      expect(await s.leases.numberRecorded(DAY, SERVICE.id, 1048)).toBe(true);
      expect(await s.leases.deliveredTo(DAY, SERVICE.id, 'kiosk-1')).toBe(1);
      expect(await s.leases.deliveredTo(DAY, SERVICE.id, 'kiosk-2')).toBe(0);
      await expect(deliver(s, 'kiosk-1', 1048, id('d-2'))).rejects.toThrow('conflict');
      await expect(deliver(s, 'kiosk-1', 1041, id('d-3'))).rejects.toThrow('forbidden');
      expect(await s.leases.supersededBy(id('issue-lost'))).toEqual({ number: 1048, serviceId: SERVICE.id });
      expect(await s.leases.supersededBy(id('issue-other'))).toBeNull();
      expect(await s.leases.ticketState(ticketId)).toEqual({ state: 'waiting', number: 1048 });
      expect(await s.tickets.byId(ticketId)).toMatchObject({ number: 1048, issuedAt: at(5), issuedBy: 'kiosk-1', state: 'waiting' });
      expect(await s.leases.ticketState(999_999)).toBeNull();
      // An online number is "recorded" too: a delivery may not reuse it.
      expect(await s.leases.numberRecorded(DAY, SERVICE.id, await issueOnline(s, 7))).toBe(true);
      // The delivered ticket does not move the online numbering.
      expect(await s.tickets.numbering(DAY, SERVICE.id)).toEqual({ lastIssued: 1001, lowestLeased: 1041 });
    });

    it('a rolled-back delivery leaves the number free', async () => {
      const s = await kind.fresh();
      const id = ids();
      await lease(s, 'kiosk-1', 5, id('l-1'));
      await expect(
        s.transaction(async () => {
          await s.leases.insertOfflineTicket(DAY, SERVICE.id, 1050, at(5), 'kiosk-1', 'normal');
          throw new Error('refused');
        }),
      ).rejects.toThrow('refused');
      expect(await s.leases.numberRecorded(DAY, SERVICE.id, 1050)).toBe(false);
      await deliver(s, 'kiosk-1', 1050, id('d-1'));
      expect(await s.leases.deliveredTo(DAY, SERVICE.id, 'kiosk-1')).toBe(1);
    });
  });
});
