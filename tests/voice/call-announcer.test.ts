import { describe, expect, test } from 'vitest';
import { planCallAnnouncement } from '../../core/voice/call-announcement';
import { CallAnnouncer, DEFAULT_MAX_AGE_MS, type Announcement, type AnnouncerEvent, type AnnouncerStatus } from '../../renderer/display/call-announcer';
import { FakeClock, FakePlayer } from './support/fake-clock';

const ANNOUNCEMENT_MS = 4_000;

function call(key: string, number: number, label: string): Announcement {
  const plan = planCallAnnouncement(number, label);
  if (!plan.ok) throw new Error(plan.error.message);
  return { key, text: plan.value.text, clips: plan.value.clips };
}

function setup(options: { maxWaiting?: number } = {}) {
  const clock = new FakeClock();
  const player = new FakePlayer(clock, () => ANNOUNCEMENT_MS);
  const statuses: AnnouncerStatus[] = [];
  const events: AnnouncerEvent[] = [];
  const logs: string[] = [];
  const announcer = new CallAnnouncer(player, {
    now: clock.now,
    onStatus: (s) => statuses.push(s),
    onEvent: (e) => events.push(e),
    log: (m) => logs.push(m),
    ...options,
  });
  return { clock, player, announcer, statuses, events, logs };
}

describe('announcements never overlap', () => {
  test('a second call during an announcement waits for the first to finish, then plays in full', async () => {
    const { clock, player, announcer } = setup();
    announcer.enqueue(call('1@08:00', 1023, '3'));
    await clock.advanceTo(500);
    announcer.enqueue(call('2@08:00', 1105, '3A'));
    await clock.advanceTo(3_999);
    expect(player.played.map((p) => p.key)).toEqual(['1@08:00']);
    await clock.advanceTo(20_000);
    expect(player.played.map((p) => [p.key, p.start, p.end])).toEqual([
      ['1@08:00', 0, ANNOUNCEMENT_MS],
      ['2@08:00', ANNOUNCEMENT_MS, 2 * ANNOUNCEMENT_MS],
    ]);
    expect(player.played[1]?.clips).toEqual(call('x', 1105, '3A').clips);
    expect(player.overlaps).toBe(0);
    expect(announcer.status()).toBe('idle');
  });

  test('a recall (same ticket, new call time) during its own announcement waits, then is spoken again', async () => {
    const { clock, player, announcer } = setup();
    announcer.enqueue(call('7@08:00', 2005, '2'));
    await clock.advanceTo(1_000);
    announcer.enqueue(call('7@08:01', 2005, '2'));
    await clock.advanceTo(2_000);
    expect(player.played).toHaveLength(1);
    await clock.advanceTo(10_000);
    expect(player.played.map((p) => [p.key, p.start])).toEqual([
      ['7@08:00', 0],
      ['7@08:01', ANNOUNCEMENT_MS],
    ]);
    expect(player.overlaps).toBe(0);
  });

  test('a burst of calls is spoken in arrival order, back to back', async () => {
    const { clock, player, announcer } = setup();
    const keys = ['a', 'b', 'c', 'd'];
    keys.forEach((k, i) => clock.at(i * 100, () => announcer.enqueue(call(k, 1001 + i, String(i + 1)))));
    await clock.advanceTo(60_000);
    expect(player.played.map((p) => p.key)).toEqual(keys);
    expect(player.played.map((p) => p.start)).toEqual([0, 4_000, 8_000, 12_000]);
    expect(player.overlaps).toBe(0);
  });

  test('the same call pushed twice (a repeated snapshot) is spoken once', async () => {
    const { clock, player, announcer } = setup();
    announcer.enqueue(call('1@08:00', 1023, '3'));
    announcer.enqueue(call('1@08:00', 1023, '3'));
    await clock.advanceTo(100);
    announcer.enqueue(call('1@08:00', 1023, '3'));
    await clock.advanceTo(30_000);
    expect(player.played).toHaveLength(1);
  });

  test('beyond the waiting limit the oldest waiting call is dropped, never the one being spoken', async () => {
    const { clock, player, announcer, events } = setup({ maxWaiting: 2 });
    for (const k of ['a', 'b', 'c', 'd']) announcer.enqueue(call(k, 1001, '1'));
    await clock.advanceTo(60_000);
    expect(player.played.map((p) => p.key)).toEqual(['a', 'c', 'd']);
    expect(events.filter((e) => e.type === 'dropped').map((e) => e.key)).toEqual(['b']);
  });
});

describe('when the browser blocks sound', () => {
  test('the call waits at the front, the status says blocked, and unlocking speaks it', async () => {
    const { clock, player, announcer, statuses, logs } = setup();
    player.blocked = true;
    announcer.enqueue(call('1@08:00', 1023, '3'));
    await clock.advanceTo(100);
    expect(announcer.status()).toBe('blocked');
    announcer.enqueue(call('2@08:00', 1024, '3'));
    await clock.advanceTo(5_000);
    expect(player.played).toEqual([]);
    await announcer.unlock();
    await clock.advanceTo(30_000);
    expect(player.played.map((p) => [p.key, p.start])).toEqual([
      ['1@08:00', 5_000],
      ['2@08:00', 9_000],
    ]);
    expect(statuses).toEqual(['speaking', 'blocked', 'idle', 'speaking', 'idle']);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toContain('autoplay-policy');
  });

  test('calls that waited longer than a minute are dropped on unlock, not read out late', async () => {
    const { clock, player, announcer, events } = setup();
    player.blocked = true;
    announcer.enqueue(call('old', 1023, '3'));
    await clock.advanceTo(DEFAULT_MAX_AGE_MS - 1_000);
    announcer.enqueue(call('recent', 1024, '3'));
    await clock.advanceTo(DEFAULT_MAX_AGE_MS + 1);
    await announcer.unlock();
    await clock.advanceTo(DEFAULT_MAX_AGE_MS + 30_000);
    expect(player.played.map((p) => p.key)).toEqual(['recent']);
    expect(events).toContainEqual(expect.objectContaining({ type: 'dropped', key: 'old', reason: 'stale' }));
  });
});

describe('when sound cannot be played', () => {
  test('a missing clip skips that call, logs once, and the next call still plays', async () => {
    const { clock, player, announcer, logs } = setup();
    player.failWith = { kind: 'failed', reason: 'voice clip /voice/clips/ba.wav: HTTP 404', fatal: false };
    announcer.enqueue(call('a', 1023, '3'));
    announcer.enqueue(call('b', 1023, '3'));
    await clock.advanceTo(100);
    player.failWith = null;
    announcer.enqueue(call('c', 1024, '3'));
    await clock.advanceTo(30_000);
    expect(player.played.map((p) => p.key)).toEqual(['c']);
    expect(logs).toEqual(['voice clip /voice/clips/ba.wav: HTTP 404']);
  });

  test('no audio support at all: unavailable, later calls dropped quietly, one log line', async () => {
    const { clock, player, announcer, logs, events } = setup();
    player.failWith = { kind: 'failed', reason: 'this browser has no Web Audio', fatal: true };
    announcer.enqueue(call('a', 1023, '3'));
    announcer.enqueue(call('b', 1024, '3'));
    await clock.advanceTo(100);
    announcer.enqueue(call('c', 1025, '3'));
    await clock.advanceTo(30_000);
    expect(announcer.status()).toBe('unavailable');
    expect(logs).toEqual(['this browser has no Web Audio']);
    expect(events.filter((e) => e.type === 'dropped').map((e) => e.key)).toEqual(['b', 'c']);
  });

  test('after close nothing more is played', async () => {
    const { clock, player, announcer } = setup();
    announcer.enqueue(call('a', 1023, '3'));
    announcer.enqueue(call('b', 1024, '3'));
    announcer.close();
    announcer.enqueue(call('c', 1025, '3'));
    await clock.advanceTo(30_000);
    expect(player.played.map((p) => p.key)).toEqual(['a']);
  });
});
