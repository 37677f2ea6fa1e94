import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BridgeEvent, BridgeEventMessage, BridgeHandlers } from '../../core/protocol/bridge';
import { parseBridgeEvent } from '../../core/protocol/bridge-events';
import { EventSequence } from '../../core/protocol/event-sequence';
import { BridgeServer, type BridgeHost } from '../../main/agent/bridge-server';
import { BridgeEventChannel } from '../../main/agent/event-channel';
import { LaunchSessions } from '../../main/agent/launch-sessions';
import { TerminalAgent } from '../../main/agent/terminal-agent';
import { createSocketLink } from '../../renderer/bridge/socket-bridge';
import { checkedBridge, type TerminalLink } from '../../renderer/bridge/terminal-link';
import { closedPort } from '../hardware/fixtures';
import { contextFor } from '../renderer/support/contexts';
import { openLaunch } from '../support/launch-session';
import { hasSocat, startSocatPair, type SocatPair } from '../serial/socat-pair';

const notice = { kind: 'received' as const, action: 'receive' as const };

/** Resolves once `list` has `n` items (events arrive asynchronously over the socket). */
async function until<T>(list: readonly T[], n: number, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (list.length < n) {
    if (Date.now() > end) throw new Error(`only ${list.length} of ${n} events within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('the bridge event channel (agent side)', () => {
  it('numbers every event of the run in one sequence; two identical scans are two events', () => {
    const channel = new BridgeEventChannel();
    const heard: BridgeEventMessage[] = [];
    channel.on((m) => heard.push(m));
    channel.send('scan', { code: '001090012345|123456789|Nguyễn Văn An' });
    channel.send('scan', { code: '001090012345|123456789|Nguyễn Văn An' });
    channel.send('scan', { code: 'HK-261120-0007' });
    expect(heard).toEqual([
      { name: 'scan', payload: { seq: 1, code: '001090012345|123456789|Nguyễn Văn An' } },
      { name: 'scan', payload: { seq: 2, code: '001090012345|123456789|Nguyễn Văn An' } },
      { name: 'scan', payload: { seq: 3, code: 'HK-261120-0007' } },
    ]);
  });

  it('keeps nothing: a listener added later hears only what comes after', () => {
    const channel = new BridgeEventChannel();
    channel.send('scan', { code: 'OLD-CODE' });
    const heard: BridgeEventMessage[] = [];
    const off = channel.on((m) => heard.push(m));
    channel.send('scan', { code: 'NEW-CODE' });
    off();
    channel.send('scan', { code: 'UNHEARD' });
    expect(heard).toEqual([{ name: 'scan', payload: { seq: 2, code: 'NEW-CODE' } }]);
  });
});

describe('the receiving side (core)', () => {
  it('takes each number once and in order; reset starts over', () => {
    const seq = new EventSequence();
    expect([1, 2, 2, 1, 4, 3, 5].map((n) => seq.take(n))).toEqual([true, true, false, false, true, false, true]);
    expect(seq.take(1.5)).toBe(false);
    seq.reset();
    expect(seq.take(1)).toBe(true);
  });

  it('checks an event against the contract of its name', () => {
    expect(parseBridgeEvent('scan', { seq: 1, code: 'X' })).toEqual({ name: 'scan', payload: { seq: 1, code: 'X' } });
    expect(parseBridgeEvent('scan', { seq: 0, code: 'X' })).toBeNull();
    expect(parseBridgeEvent('scan', { code: 'X' })).toBeNull();
    expect(parseBridgeEvent('dossier-notice', { seq: 1, event: { kind: 'received' } })).toBeNull();
    expect(parseBridgeEvent('context', { seq: 1 })).toBeNull();
  });
});

describe('bridge events in browser mode: the bridge server’s socket and the renderer’s link', () => {
  let dir: string;
  let port: number;
  let channel: BridgeEventChannel;
  let server: BridgeServer | null;
  /** Shared by a restarted server, so a page's session outlives the restart (as a fixed token did). */
  let sessions: LaunchSessions;
  const links: TerminalLink[] = [];

  const host = (events: BridgeEventChannel): BridgeHost => ({
    handlers: new Proxy({}, { get: () => async () => ({ ok: true, value: contextFor('counter-1') }) }) as BridgeHandlers,
    context: () => contextFor('counter-1'),
    onContext: () => () => {},
    onEvent: (listener) => events.on(listener),
  });
  const startServer = async (events: BridgeEventChannel): Promise<void> => {
    server = new BridgeServer({ agent: host(events), staticDir: dir, sessions, port });
    port = (await server.start()).port;
  };
  const connect = async (): Promise<{ link: TerminalLink; scans: BridgeEvent<'scan'>[] }> => {
    const { cookie } = await openLaunch(server!.launchUrl());
    const link = createSocketLink({ url: `http://127.0.0.1:${port}`, headers: { cookie } });
    links.push(link);
    await waitConnected(link);
    const scans: BridgeEvent<'scan'>[] = [];
    checkedBridge(link.bridge).onEvent('scan', (e) => scans.push(e));
    return { link, scans };
  };

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-bridge-events-'));
    port = 0;
    sessions = new LaunchSessions({ clock: () => new Date() });
    channel = new BridgeEventChannel();
    await startServer(channel);
  });
  afterEach(async () => {
    for (const l of links.splice(0)) l.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers each scan once and in order, identical ones too; a page that connects later gets no old scan', async () => {
    const first = await connect();
    channel.send('scan', { code: 'SAME' });
    channel.send('scan', { code: 'SAME' });
    // Another kind of event takes number 3 of the one sequence; the scan listener does not hear it.
    channel.send('dossier-notice', { event: { ...notice, dossier: null as never } });
    channel.send('scan', { code: 'THIRD' });
    await until(first.scans, 3);
    expect(first.scans).toEqual([
      { seq: 1, code: 'SAME' },
      { seq: 2, code: 'SAME' },
      { seq: 4, code: 'THIRD' },
    ]);

    const later = await connect();
    channel.send('scan', { code: 'AFTER' });
    await until(later.scans, 1);
    await until(first.scans, 4);
    expect(later.scans).toEqual([{ seq: 5, code: 'AFTER' }]);
    expect(first.scans.at(-1)).toEqual({ seq: 5, code: 'AFTER' });
  }, 20_000);

  it('a page that reconnects (the agent restarted, numbering from 1 again) takes the new events and is not replayed the old', async () => {
    const page = await connect();
    channel.send('scan', { code: 'BEFORE-RESTART' });
    await until(page.scans, 1);
    await server?.close();
    await new Promise((r) => setTimeout(r, 100));
    const restarted = new BridgeEventChannel();
    await startServer(restarted);
    await waitStatus(page.link, 'connected', 15_000);
    restarted.send('scan', { code: 'AFTER-RESTART' });
    await until(page.scans, 2);
    expect(page.scans).toEqual([
      { seq: 1, code: 'BEFORE-RESTART' },
      { seq: 1, code: 'AFTER-RESTART' },
    ]);
  }, 30_000);
});

describe.skipIf(!hasSocat())('the agent’s serial scanner as events', () => {
  let dir: string;
  let scanner: SocatPair;
  let agent: TerminalAgent;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'motcua-scan-events-'));
    scanner = await startSocatPair(dir);
    const hubPort = await closedPort();
    agent = new TerminalAgent({ hubUrl: `http://127.0.0.1:${hubPort}`, deviceId: 'counter-2', token: 't', dataDir: path.join(dir, 'data'), devices: { qrScanner: { path: scanner.a, baudRate: 9600 } } });
    await agent.start();
  });
  afterEach(async () => {
    await agent.close();
    await scanner.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the same card scanned twice is two scan events with consecutive numbers, and no scan is kept in the context', async () => {
    const heard: BridgeEventMessage[] = [];
    agent.onEvent((m) => heard.push(m));
    await scanner.write('001090012345|123456789|Nguyễn Văn An\r\n');
    await until(heard, 1);
    await scanner.write('001090012345|123456789|Nguyễn Văn An\r\n');
    await until(heard, 2);
    expect(heard).toEqual([
      { name: 'scan', payload: { seq: 1, code: '001090012345|123456789|Nguyễn Văn An' } },
      { name: 'scan', payload: { seq: 2, code: '001090012345|123456789|Nguyễn Văn An' } },
    ]);
    expect(Object.keys(agent.context())).not.toContain('scan');
  }, 20_000);
});

function waitConnected(link: TerminalLink): Promise<void> {
  return waitStatus(link, 'connected', 5000);
}

function waitStatus(link: TerminalLink, status: string, timeoutMs: number): Promise<void> {
  if (link.status() === status) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`link not ${status} within ${timeoutMs} ms (${link.status()})`)), timeoutMs);
    const off = link.onStatus((s) => {
      if (s !== status) return;
      clearTimeout(timer);
      off();
      resolve();
    });
  });
}
