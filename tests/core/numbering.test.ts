import { describe, expect, it } from 'vitest';
import { nextLeaseBlock, nextNumber } from '../../core/queue/numbering';

const hoTich = { id: 'ho-tich', numberFrom: 1001, numberTo: 1999 };

describe('online numbers count up, kiosk leases count down, and the two never meet', () => {
  it('online numbering starts at numberFrom whatever the kiosks hold, and stops just below the lowest leased number', () => {
    expect(nextNumber(hoTich, null, 1990)).toEqual({ ok: true, value: 1001 });
    expect(nextNumber(hoTich, 1500, 1990)).toEqual({ ok: true, value: 1501 });
    expect(nextNumber(hoTich, 1988, 1990)).toEqual({ ok: true, value: 1989 });
    expect(nextNumber(hoTich, 1989, 1990)).toEqual({
      ok: false,
      error: { kind: 'exhausted', message: 'Dịch vụ "ho-tich" đã hết số trong ngày (khối 1001–1999; từ số 1990 là số dự phòng đã cấp cho ki-ốt).' },
    });
    // No lease: the whole block is online.
    expect(nextNumber(hoTich, 1998, null)).toEqual({ ok: true, value: 1999 });
    expect(nextNumber(hoTich, 1999, null)).toEqual({ ok: false, error: { kind: 'exhausted', message: 'Dịch vụ "ho-tich" đã hết số trong ngày (khối 1001–1999).' } });
  });

  it('a lease takes the numbers just below the lowest leased (the top of the block first), shorter when online numbering is close, then exhausted', () => {
    expect(nextLeaseBlock(hoTich, null, null, 10)).toEqual({ ok: true, value: { from: 1990, to: 1999 } });
    expect(nextLeaseBlock(hoTich, 1011, 1990, 10)).toEqual({ ok: true, value: { from: 1980, to: 1989 } });
    expect(nextLeaseBlock(hoTich, 1011, 1980, 3)).toEqual({ ok: true, value: { from: 1977, to: 1979 } });
    // Online numbering reached 1975: only 1976–1979 are left under the leases.
    expect(nextLeaseBlock(hoTich, 1975, 1980, 10)).toEqual({ ok: true, value: { from: 1976, to: 1979 } });
    expect(nextLeaseBlock(hoTich, 1979, 1980, 10)).toMatchObject({ ok: false, error: { kind: 'exhausted', message: expect.stringContaining('từ số 1980 là số dự phòng') } });
    // Online numbering used the whole block before any lease.
    expect(nextLeaseBlock(hoTich, 1999, null, 10)).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
    expect(nextLeaseBlock(hoTich, null, null, 0)).toMatchObject({ ok: false, error: { kind: 'exhausted' } });
  });

  it('any interleaving of online issues and leases gives every number of the block once, and refuses both only when it is full', () => {
    const block = { id: 'chung-thuc', numberFrom: 5001, numberTo: 5040 };
    for (let seed = 1; seed <= 200; seed++) {
      let x = seed;
      const random = () => (x = (x * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      let lastIssued: number | null = null;
      let lowestLeased: number | null = null;
      const given: number[] = [];
      for (;;) {
        if (random() < 0.5) {
          const n = nextNumber(block, lastIssued, lowestLeased);
          if (!n.ok) break;
          given.push(n.value);
          lastIssued = n.value;
        } else {
          const l = nextLeaseBlock(block, lastIssued, lowestLeased, 1 + Math.floor(random() * 12));
          if (!l.ok) break;
          for (let n = l.value.from; n <= l.value.to; n++) given.push(n);
          lowestLeased = l.value.from;
        }
      }
      // Whichever refused first, the block is full: the other is refused too.
      expect(nextNumber(block, lastIssued, lowestLeased).ok).toBe(false);
      expect(nextLeaseBlock(block, lastIssued, lowestLeased, 1).ok).toBe(false);
      expect([...given].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => 5001 + i));
    }
  });
});
