import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Hub } from '../../hub/hub';
import { fetchHubPdf, putHubPdf } from '../../main/agent/hub-files';
import { HubStatsClient } from '../../main/agent/hub-stats-client';
import { TerminalAgent } from '../../main/agent/terminal-agent';
import { commandId, connectDevice, demoConfig, startHub, tempDir, tokenOf } from '../support/centre';
import { closedPort } from '../hardware/fixtures';
import { waitForContext } from './kiosk-support';

const config = demoConfig();
const APPLICANT = { fullName: 'Phạm Văn Đức', idNumber: '001203004567' };
const today = new Date().toISOString().slice(0, 10);

async function pdfOf(pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]);
  return Buffer.from(await doc.save());
}

/**
 * A real TCP relay on 127.0.0.1 to the hub: a second address of it. `stopAccepting()` makes it
 * refuse new connections while the ones it holds (the terminal's socket) go on — the moment just
 * after a hub process died, when the terminal's state still names that address.
 */
async function relayTo(hubUrl: string) {
  const target = new URL(hubUrl);
  const open = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((client) => {
    accepted += 1;
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      open.add(s);
      s.on('error', () => undefined);
      s.on('close', () => {
        open.delete(s);
        client.destroy();
        upstream.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    /** Connections accepted since the start. */
    accepted: () => accepted,
    /** Connections relayed now (each counted once). */
    relaying: () => open.size / 2,
    stopAccepting: () => void server.close(),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        if (!server.listening) resolve();
        else server.close(() => resolve());
      }),
  };
}

/**
 * Issue 13: a REST call made while the address the terminal's socket is on does not answer (a hub
 * process killed a moment ago) is tried at the terminal's other addresses before the screen hears
 * hub-unreachable. A real hub on SQLite; the dead address is a port that was bound and closed.
 */
describe('REST calls go on to the next hub address when one does not answer (real hub)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub;
  const cleanups: (() => Promise<void> | void)[] = [];

  beforeEach(async () => {
    tmp = tempDir('motcua-rest-failover-');
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
  });
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
    await hub.close();
    tmp.remove();
  });

  /** A dossier received at counter-1 (over its own socket), whose scan is not on the hub yet. */
  async function receivedDossier(): Promise<string> {
    const { socket } = await connectDevice(hub.url, 'counter-1', tokenOf(config, 'counter-1'));
    cleanups.push(() => void socket.close());
    const r = await socket.emitWithAck('dossier:receive', { commandId: commandId(), procedureCode: 'KD-TL', applicant: APPLICANT, documents: [], feePaid: 0 });
    if (!r.ok) throw new Error(`${r.error.kind}: ${r.error.message}`);
    return r.value.dossier.code;
  }

  it('the scan is uploaded and read back, and the statistics read, with the dead address first', async () => {
    const code = await receivedDossier();
    const dead = `http://127.0.0.1:${await closedPort()}`;
    const token = tokenOf(config, 'counter-1');
    const pdf = await pdfOf(2);

    expect(await putHubPdf([dead, hub.url], token, code, pdf)).toEqual({ ok: true, value: { pages: 2, bytes: pdf.length } });
    const read = await fetchHubPdf([dead, hub.url], token, code);
    if (!read.ok) throw new Error(`${read.error.kind}: ${read.error.message}`);
    expect(read.value.equals(pdf)).toBe(true);

    const stats = new HubStatsClient({ hubAddresses: [dead, hub.url], token: tokenOf(config, 'admin-1') });
    expect(await stats.report({ from: today, to: today })).toMatchObject({ ok: true, value: { from: today, to: today } });
    // The hub's refusal is its answer, not tried again elsewhere: a counter's token reads no statistics.
    expect(await new HubStatsClient({ hubAddresses: [dead, hub.url], token }).report({ from: today, to: today })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
  });

  /** A terminal given [relay, hub] and up on the relay: its socket goes through it, nothing else did. */
  async function agentOnRelay(deviceId: string, ready: Parameters<typeof waitForContext>[1]) {
    const relay = await relayTo(hub.url);
    cleanups.push(() => relay.close());
    const agent = new TerminalAgent({ hubUrl: relay.url, hubUrls: [relay.url, hub.url], deviceId, token: tokenOf(config, deviceId), dataDir: path.join(tmp.dir, deviceId) });
    cleanups.push(() => agent.close());
    await agent.start();
    await waitForContext(agent, ready);
    expect(relay.accepted()).toBe(1);
    expect(relay.relaying()).toBe(1);
    return { agent, relay };
  }

  it('a counter whose socket is on an address that stopped answering opens the dossier’s PDF from the other', async () => {
    const code = await receivedDossier();
    const pdf = await pdfOf(3);
    expect(await putHubPdf(hub.url, tokenOf(config, 'counter-1'), code, pdf)).toMatchObject({ ok: true });
    const { agent, relay } = await agentOnRelay('counter-2', (c) => c.hubConnected);

    relay.stopAccepting();
    const shown = await agent.file('dossier-pdf', code);
    if (!shown.ok) throw new Error(`${shown.error.kind}: ${shown.error.message}`);
    expect(shown.value.body.equals(pdf)).toBe(true);
    // The socket never moved: the call went on to the second address by itself.
    expect(agent.context().hubConnected).toBe(true);
    expect(relay.relaying()).toBe(1);
    expect(relay.accepted()).toBe(1);
  }, 60_000);

  it('an admin terminal in the same moment reads the statistics from the other address', async () => {
    const { agent, relay } = await agentOnRelay('admin-1', (c) => c.hubConnected && c.device?.role === 'admin');

    relay.stopAccepting();
    expect(await agent.handlers['admin:stats']({ from: today, to: today })).toMatchObject({ ok: true, value: { from: today, to: today } });
    expect(relay.relaying()).toBe(1);
  }, 60_000);
});
