import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeviceStatus } from '../../core/devices';
import { encodeLedFrame, LedFrameDecoder, LedSign, type LedFrame } from '../../hardware/serial/led-sign';
import { RatingKeypad } from '../../hardware/serial/rating-keypad';
import type { Hub } from '../../hub/hub';
import { TerminalAgent, type KeypadOutcome } from '../../main/agent/terminal-agent';
import type { TerminalContext } from '../../core/protocol/bridge';
import { commandId, connectDevice, DEMO_CLERKS, demoConfig, startHub, tempDir, tokenOf, type DeviceSocket } from '../support/centre';
import { hasSocat, plugInListening, startSocatPair, type SocatPair } from './socat-pair';

const SOCAT = hasSocat();
if (!SOCAT) console.warn('tests/serial/serial-devices.test.ts: socat is not installed (apt install socat): skipping the LED sign and rating keypad tests over pty pairs');

const WAIT_MS = 5000;
const TIMINGS = { presenceCheckMs: 50, reconnect: { initialDelayMs: 20, maxDelayMs: 160 } };

/** Resolves when `subscribe`'s listener sees a value `pick` accepts; fails after WAIT_MS. */
function waitFor<T, R>(subscribe: (l: (v: T) => void) => () => void, pick: (v: T) => R | undefined, what: string): Promise<R> {
  const p = new Promise<R>((resolve, reject) => {
    let off = () => undefined as unknown;
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`));
    }, WAIT_MS);
    off = subscribe((v) => {
      const r = pick(v);
      if (r === undefined) return;
      clearTimeout(timer);
      off();
      resolve(r);
    });
  });
  p.catch(() => undefined);
  return p;
}

/** The sign's end of the line: decodes what the app sends. */
class SignEnd {
  private readonly frames: LedFrame[] = [];
  private readonly waiters = new Set<() => void>();
  private constructor(private readonly port: SerialPort) {
    const decoder = new LedFrameDecoder();
    port.on('data', (c: Buffer) => {
      this.frames.push(...decoder.push(c));
      this.waiters.forEach((w) => w());
    });
  }
  static open(p: string): Promise<SignEnd> {
    const port = new SerialPort({ path: p, baudRate: 9600, autoOpen: false });
    return new Promise((resolve, reject) => port.open((e) => (e ? reject(e) : resolve(new SignEnd(port)))));
  }
  /** The next `n` frames not yet taken. */
  take(n: number): Promise<LedFrame[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (this.frames.length < n) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(this.frames.splice(0, n));
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${n} LED frames (have ${JSON.stringify(this.frames)})`));
      }, WAIT_MS);
      this.waiters.add(check);
      check();
    });
  }
  get pending(): readonly LedFrame[] {
    return this.frames;
  }
  close(): Promise<void> {
    return new Promise((resolve) => (this.port.isOpen ? this.port.close(() => resolve()) : resolve()));
  }
}

const N = (number: number): LedFrame => ({ kind: 'number', number, blink: false });
const B = (number: number): LedFrame => ({ kind: 'number', number, blink: true });
const BLANK: LedFrame = { kind: 'blank' };

describe('LED sign protocol', () => {
  it('frames a number, a blink and a blank with an XOR checksum', () => {
    expect([...encodeLedFrame(N(1001))]).toEqual([0x02, 0x4e, 0x20, 0x31, 0x30, 0x30, 0x31, 0x03, 0x4e ^ 0x20 ^ 0x31 ^ 0x30 ^ 0x30 ^ 0x31 ^ 0x03]);
    expect(encodeLedFrame(B(4001)).subarray(1, 7).toString('ascii')).toBe('B 4001');
    expect([...encodeLedFrame(BLANK)]).toEqual([0x02, 0x43, 0x03, 0x43 ^ 0x03]);
    expect(() => encodeLedFrame(N(100_000))).toThrow(/0–99999/);
  });

  it('decodes a stream split anywhere and skips frames with a bad checksum', () => {
    const d = new LedFrameDecoder();
    const bad = encodeLedFrame(N(7));
    bad.writeUInt8(bad.at(-1)! ^ 0xff, bad.length - 1);
    const all = Buffer.concat([Buffer.from('junk'), encodeLedFrame(B(1001)), bad, encodeLedFrame(BLANK), encodeLedFrame(N(99_999))]);
    const out = [...d.push(all.subarray(0, 9)), ...d.push(all.subarray(9, 20)), ...d.push(all.subarray(20))];
    expect(out).toEqual([B(1001), BLANK, N(99_999)]);
  });

  it('follows a counter: blink on a call or recall, steady while serving, blank when done', () => {
    const sign = new LedSign({ path: '/dev/null-sign' });
    const t = { id: 1, number: 1001, state: 'called', calledAt: '2026-03-02T03:00:00Z', recalls: 0 };
    sign.follow(t);
    expect(sign.frame).toEqual(B(1001));
    sign.follow({ ...t, state: 'serving' });
    expect(sign.frame).toEqual(N(1001));
    sign.follow({ ...t, state: 'done' });
    expect(sign.frame).toEqual(BLANK);
    sign.follow(null);
    expect(sign.frame).toEqual(BLANK);
  });
});

describe.skipIf(!SOCAT)('counter serial devices over socat pty pairs, driven by a real agent and hub', () => {
  const config = demoConfig();
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub;
  let signPair: SocatPair;
  let keypadPair: SocatPair;
  let agent: TerminalAgent;
  let kiosk: DeviceSocket;
  let admin: DeviceSocket;
  let sign: SignEnd | undefined;

  beforeEach(async () => {
    tmp = tempDir('motcua-serial-dev-');
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
    signPair = await startSocatPair(tmp.dir);
    const keypadDir = tempDir('motcua-keypad-');
    keypadPair = await startSocatPair(keypadDir.dir);
    kiosk = (await connectDevice(hub.url, 'kiosk-1', tokenOf(config, 'kiosk-1'))).socket;
    admin = (await connectDevice(hub.url, 'admin-1', tokenOf(config, 'admin-1'))).socket;
    sign = await SignEnd.open(signPair.b);
    agent = new TerminalAgent({
      hubUrl: hub.url,
      deviceId: 'counter-1',
      token: tokenOf(config, 'counter-1'),
      dataDir: path.join(tmp.dir, 'counter-1'),
      devices: { ledSign: { path: signPair.a, baudRate: 9600 }, ratingKeypad: { path: keypadPair.a, baudRate: 9600, debounceMs: 0 } }, // debounce: see the keypad's own test
      serialTimings: TIMINGS,
    });
    const ready = waitFor<TerminalContext, true>((l) => agent.onContext(l), (c) => (c.hubConnected && c.snapshot ? true : undefined), 'the agent to reach the hub');
    await agent.start();
    await ready;
    const { clerkId, pin } = DEMO_CLERKS['quay-1'];
    const signedIn = await agent.handlers['counter:sign-in']({ clerkId, pin });
    expect(signedIn.ok).toBe(true);
    return () => keypadDir.remove();
  });
  afterEach(async () => {
    await sign?.close();
    await agent.close();
    kiosk.close();
    admin.close();
    await signPair.stop();
    await keypadPair.stop();
    await hub.close();
    tmp.remove();
  });

  const issue = async () => {
    const r = await kiosk.emitWithAck('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich', priority: 'normal' });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.ticket;
  };
  const act = async <T>(p: Promise<{ ok: boolean; value?: T; error?: { message: string } }>) => {
    const r = await p;
    if (!r.ok) throw new Error(r.error?.message);
    return r.value as T;
  };
  const adminSees = (pick: (d: DeviceStatus) => boolean, what: string) =>
    waitFor<DeviceStatus[], true>(
      (l) => {
        admin.on('devices:status', l);
        return () => admin.off('devices:status', l);
      },
      (all) => (all.some((d) => d.id === 'counter-1' && pick(d)) ? true : undefined),
      what,
    );
  /** Now, or at the next context that satisfies `pred`. */
  const contextWhere = (pred: (c: TerminalContext) => boolean, what: string) =>
    pred(agent.context()) ? Promise.resolve(true as const) : waitFor<TerminalContext, true>((l) => agent.onContext(l), (c) => (pred(c) ? true : undefined), what);
  const keypadOutcome = () => waitFor<KeypadOutcome, KeypadOutcome>((l) => agent.onKeypad(l), (e) => e, 'a keypad outcome');

  it('shows each call on the LED sign: blink, steady, blank, blink again on a recall; survives unplug and replug', async () => {
    // On opening, the sign is told the current state: nothing at the counter.
    expect(await sign!.take(1)).toEqual([BLANK]);
    const first = await issue();
    const second = await issue();
    expect(first.number).toBe(1001);

    await act(agent.handlers['counter:call-next']({}));
    expect(await sign!.take(1)).toEqual([B(1001)]);
    await act(agent.handlers['counter:start']({ ticketId: first.id }));
    expect(await sign!.take(1)).toEqual([N(1001)]);
    await act(agent.handlers['counter:complete']({ ticketId: first.id }));
    expect(await sign!.take(1)).toEqual([BLANK]);
    await act(agent.handlers['counter:call-next']({}));
    expect(await sign!.take(1)).toEqual([B(1002)]);
    await act(agent.handlers['counter:recall']({ ticketId: second.id }));
    expect(await sign!.take(1)).toEqual([B(1002)]);

    // Unplug: the admin sees it; replug under the same name: the sign gets the current frame again.
    const gone = adminSees((d) => d.serial?.some((s) => s.kind === 'led-sign' && s.state === 'reconnecting') ?? false, 'the LED sign reconnecting on the admin page');
    await sign!.close();
    await signPair.stop();
    await gone;
    const back = adminSees((d) => d.serial?.some((s) => s.kind === 'led-sign' && s.state === 'connected') ?? false, 'the LED sign connected again');
    const reopened = waitFor<unknown, true>((l) => (agent.serial!.ledSign!.link.on('open', l), () => agent.serial!.ledSign!.link.off('open', l)), () => true, 'the sign port to reopen');
    // The sign listens before its port name reappears (it is told its frame as soon as the app opens).
    ({ pair: signPair, end: sign } = await plugInListening(path.dirname(signPair.a), (b) => SignEnd.open(b)));
    await reopened;
    await back;
    expect(await sign.take(1)).toEqual([B(1002)]);
    await act(agent.handlers['counter:start']({ ticketId: second.id }));
    expect(await sign.take(1)).toEqual([N(1002)]);
  });

  it('records a keypad press as the rating of the ticket just completed, once; ignores presses without one; survives unplug and replug', async () => {
    const first = await issue();
    await act(agent.handlers['counter:call-next']({}));

    // While the citizen is still being served there is nothing to rate.
    let outcome = keypadOutcome();
    await keypadPair.write('3');
    expect(await outcome).toEqual({ rating: 3, ticketId: null, result: null });

    await act(agent.handlers['counter:start']({ ticketId: first.id }));
    await act(agent.handlers['counter:complete']({ ticketId: first.id }));
    await contextWhere((c) => c.snapshot?.counters['quay-1']?.state === 'done', 'the completion to reach the agent');

    outcome = keypadOutcome();
    await keypadPair.write('4');
    expect(await outcome).toMatchObject({ rating: 4, ticketId: first.id, result: { ok: true } });
    // A second press for the same ticket is not a second rating.
    outcome = keypadOutcome();
    await keypadPair.write('1');
    expect(await outcome).toEqual({ rating: 1, ticketId: null, result: null });

    // The hub has it: a second rating of the same ticket is refused.
    const again = await kiosk.emitWithAck('ticket:rate', { commandId: commandId(), ticketId: first.id, rating: 2 });
    expect(again).toMatchObject({ ok: false, error: { kind: 'conflict' } });

    // Unplug and replug the keypad; the admin sees both; it works again afterwards.
    const gone = adminSees((d) => d.serial?.some((s) => s.kind === 'rating-keypad' && s.state === 'reconnecting') ?? false, 'the keypad reconnecting');
    await keypadPair.stop();
    await gone;
    const link = agent.serial!.keypad!.link;
    const reopened = waitFor<unknown, true>((l) => (link.on('open', l), () => link.off('open', l)), () => true, 'the keypad port to reopen');
    const back = adminSees((d) => d.serial?.some((s) => s.kind === 'rating-keypad' && s.state === 'connected') ?? false, 'the keypad connected again');
    keypadPair = await startSocatPair(path.dirname(keypadPair.a));
    await reopened;
    await back;
    const second = await issue();
    await act(agent.handlers['counter:call-next']({}));
    await act(agent.handlers['counter:start']({ ticketId: second.id }));
    await act(agent.handlers['counter:complete']({ ticketId: second.id }));
    await contextWhere((c) => c.snapshot?.counters['quay-1']?.id === second.id && c.snapshot.counters['quay-1'].state === 'done', 'the second completion');
    outcome = keypadOutcome();
    await keypadPair.write('2');
    expect(await outcome).toMatchObject({ rating: 2, ticketId: second.id, result: { ok: true } });
  });
});

describe.skipIf(!SOCAT)('rating keypad over a socat pty pair', () => {
  it('sends one rating per press, ignores other bytes and drops presses within the debounce window', async () => {
    const dir = tempDir('motcua-keypad-');
    const pair = await startSocatPair(dir.dir);
    let t = 0;
    const keypad = new RatingKeypad({ path: pair.a, debounceMs: 1000, now: () => t, ...TIMINGS });
    try {
      const opened = waitFor<unknown, true>((l) => (keypad.link.on('open', l), () => keypad.link.off('open', l)), () => true, 'open');
      await keypad.start();
      await opened;
      /** Writes, then resolves with the next key event: "press N" or "bounce N". */
      const keyEvent = async (data: string) => {
        const got = waitFor<string, string>(
          (l) => {
            const press = (r: number) => l(`press ${r}`);
            const bounce = (r: number) => l(`bounce ${r}`);
            keypad.on('press', press).on('bounce', bounce);
            return () => keypad.off('press', press).off('bounce', bounce);
          },
          (e) => e,
          `a key event after writing ${JSON.stringify(data)}`,
        );
        await pair.write(data);
        return got;
      };
      expect(await keyEvent('\r\n9x3')).toBe('press 3'); // noise and other digits are ignored
      expect(await keyEvent('3')).toBe('bounce 3');
      t = 999;
      expect(await keyEvent('4')).toBe('bounce 4');
      t = 2000;
      expect(await keyEvent('2')).toBe('press 2');
    } finally {
      await keypad.close();
      await pair.stop();
      dir.remove();
    }
  });
});

describe('rating keypad options', () => {
  it('refuses a negative debounce and a port without a path', () => {
    expect(() => new RatingKeypad({ path: '/dev/ttyACM0', debounceMs: -1 })).toThrow(/debounceMs/);
    expect(() => new RatingKeypad({ path: '' })).toThrow(/port path/);
  });
});
