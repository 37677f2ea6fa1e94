import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KioskStore } from '../../../main/agent/store/kiosk-store';
import { tempDir } from '../../support/centre';

const ticket = (commandId: string, day: string, serviceId = 'ho-tich') => ({ commandId, serviceId, day, issuedAt: `${day}T02:00:00.000Z`, priority: 'normal' as const, supersedes: null });

describe('kiosk store: leases and offline tickets in the terminal SQLite', () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: KioskStore;
  beforeEach(() => {
    tmp = tempDir();
    store = new KioskStore(tmp.dir);
  });
  afterEach(() => {
    store.close();
    tmp.remove();
  });

  it("gives each leased number of the day once, lowest block first, never a number of another day's lease, and keeps everything across a restart", () => {
    store.addLease({ day: '2026-05-04', serviceId: 'ho-tich', from: 1001, to: 1010 }, 'x');
    store.addLease({ day: '2026-05-05', serviceId: 'ho-tich', from: 1031, to: 1032 }, 'x');
    store.addLease({ day: '2026-05-05', serviceId: 'ho-tich', from: 1021, to: 1021 }, 'x');
    store.addLease({ day: '2026-05-05', serviceId: 'ho-tich', from: 1021, to: 1021 }, 'x'); // the same block again: ignored
    expect(store.numbersLeft('ho-tich', '2026-05-05')).toBe(3);
    expect(store.numbersLeftByService('2026-05-05')).toEqual({ 'ho-tich': 3 });
    expect([1, 2, 3].map((i) => store.issue(ticket(`c${i}`, '2026-05-05'))?.number)).toEqual([1021, 1031, 1032]);
    // Yesterday's block still has ten numbers: none of them is given today.
    expect(store.issue(ticket('c4', '2026-05-05'))).toBeNull();
    expect(store.numbersLeft('ho-tich', '2026-05-04')).toBe(10);
    expect(store.issue(ticket('c5', '2026-05-05', 'dat-dai'))).toBeNull();
    // The same tap id twice is refused by the table: one paper per tap.
    expect(() => store.issue(ticket('c1', '2026-05-04'))).toThrow(/UNIQUE/);
    expect(store.numbersLeft('ho-tich', '2026-05-04')).toBe(10);

    store.close();
    store = new KioskStore(tmp.dir);
    expect(store.undelivered().map((r) => [r.commandId, r.number, r.state])).toEqual([
      ['c1', 1021, 'pending'],
      ['c2', 1031, 'pending'],
      ['c3', 1032, 'pending'],
    ]);
    const [a, b] = store.undelivered();
    store.markDelivered(a!.seq, 77, 'y');
    store.markFailed(b!.seq, 'Vé số 1031 đã hết hiệu lực.');
    expect(store.pendingCount()).toBe(1);
    expect(store.failed().map((r) => [r.number, r.error])).toEqual([[1031, 'Vé số 1031 đã hết hiệu lực.']]);
    expect(store.bySeq(a!.seq)).toMatchObject({ state: 'delivered', ticketId: 77 });
  });
});
