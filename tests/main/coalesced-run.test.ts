import { describe, expect, it } from 'vitest';
import { CoalescedRun } from '../../main/agent/coalesced-run';

describe('CoalescedRun', () => {
  it('runs one pass at a time; calls during a pass ask for exactly one more pass; idle waits and never rejects', async () => {
    let passes = 0;
    let release: () => void = () => undefined;
    const after: number[] = [];
    const job = new CoalescedRun(
      async () => {
        passes += 1;
        if (passes === 1) await new Promise<void>((r) => (release = r));
        if (passes === 3) throw new Error('a failing pass');
      },
      () => false,
      () => after.push(passes),
    );
    const first = job.run();
    const second = job.run();
    const third = job.run();
    expect(second).toBe(first);
    expect(third).toBe(first);
    release();
    await first;
    expect(passes).toBe(2); // the first, and one more for the calls that came during it
    expect(after).toEqual([2]);
    const failing = job.run();
    await expect(failing).rejects.toThrow('a failing pass');
    await job.idle();
    expect(after).toEqual([2, 3]);
  });

  it('does not run again once stopped', async () => {
    let passes = 0;
    let stopped = false;
    let release: () => void = () => undefined;
    const job = new CoalescedRun(
      async () => {
        passes += 1;
        await new Promise<void>((r) => (release = r));
      },
      () => stopped,
    );
    const run = job.run();
    void job.run();
    stopped = true;
    release();
    await run;
    expect(passes).toBe(1);
  });
});
