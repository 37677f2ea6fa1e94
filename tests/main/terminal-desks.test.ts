import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualPrinter } from '../../hardware/virtual/virtual-printer';
import type { Hub } from '../../hub/hub';
import { TerminalAgent } from '../../main/agent/terminal-agent';
import { demoConfig, startHub, tempDir, tokenOf } from '../support/centre';
import { closedPort } from '../hardware/fixtures';
import { waitForContext } from './kiosk-support';

const config = demoConfig();

const dossierInput = {
  procedureCode: 'KD-TL',
  applicant: { fullName: 'Phạm Văn Đức', idNumber: '001203004567' },
  documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
  feePaid: 100_000,
};

describe('terminal desks: built per role, on the agent’s clock', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub;
  let printer: VirtualPrinter;
  let printerPort: number;
  /** The centre's clock, shared by the hub and the terminals: Friday 20 November 2026, 09:30 in Hà Nội. */
  let now: Date;
  const clock = () => now;
  const agents: TerminalAgent[] = [];

  const terminal = async (deviceId: string, hubUrl = hub.url) => {
    const agent = new TerminalAgent({ hubUrl, deviceId, token: tokenOf(config, deviceId), dataDir: path.join(tmp.dir, deviceId), printerInterface: `tcp://127.0.0.1:${printerPort}`, clock });
    agents.push(agent);
    await agent.start();
    return agent;
  };

  beforeEach(async () => {
    tmp = tempDir();
    now = new Date('2026-11-20T02:30:00.000Z');
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'), { clock });
    printer = new VirtualPrinter({ outDir: path.join(tmp.dir, 'printed') });
    printerPort = (await printer.start()).port;
  });
  afterEach(async () => {
    for (const a of agents.splice(0).reverse()) await a.close();
    await hub.close();
    await printer.close();
    tmp.remove();
  });

  it('a counter leases, counts and receives on the injected clock: codes of that day, the receipt time is the clock’s', async () => {
    const counter = await terminal('counter-1');
    // The hub leases codes of its (injected) day; the counter counts the codes of its own day: they agree only on one clock.
    const ready = await waitForContext(counter, (c) => c.hubConnected && (c.outbox?.codesLeft ?? 0) > 0);
    expect(ready.outbox).toMatchObject({ pending: 0, failed: [] });
    expect(ready.kiosk).toBeNull();

    now = new Date('2026-11-20T03:05:00.000Z');
    const r = await counter.handlers['counter:receive-dossier'](dossierInput);
    expect(r).toMatchObject({ ok: true, value: { delivered: true, printed: { ok: true }, dossier: { status: 'received', receivedAt: '2026-11-20T03:05:00.000Z' } } });
    if (!r.ok) return;
    expect(r.value.dossier.code).toMatch(/^HK-261120-\d{4}$/);
    // Three working days from Friday morning: Wednesday, not counted from the machine's real date.
    expect(r.value.dossier.dueLocal.slice(0, 10)).toBe('2026-11-25');
    const atHub = await counter.handlers['counter:dossier']({ code: r.value.dossier.code });
    expect(atHub).toMatchObject({ ok: true, value: { dossier: { code: r.value.dossier.code, receivedAt: '2026-11-20T03:05:00.000Z' } } });
  }, 60_000);

  it('each role answers only its own desks’ calls, in words; before any hello the role desks say the hub was never reached', async () => {
    const kiosk = await terminal('kiosk-1');
    const counter = await terminal('counter-1');
    await waitForContext(kiosk, (c) => c.hubConnected && c.kiosk !== null);
    await waitForContext(counter, (c) => c.hubConnected && c.outbox !== null);

    expect(await kiosk.handlers['counter:receive-dossier'](dossierInput)).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: 'Chỉ máy quầy tiếp nhận và trả kết quả mới dùng chức năng này.' },
    });
    expect(await kiosk.handlers['counter:scan-pages']({ pages: 1 })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await counter.handlers['kiosk:take-ticket']({ serviceId: 'ho-tich', priority: 'normal' })).toEqual({ ok: false, error: { kind: 'forbidden', message: 'Chỉ kiosk mới lấy số.' } });
    // A counter without a scanner has its dossier desks, but no scan desk.
    expect(await counter.handlers['counter:scan-pages']({ pages: 1 })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(counter.context().scanner).toBeNull();

    const lost = await terminal('counter-2', `http://127.0.0.1:${await closedPort()}`);
    expect(await lost.handlers['counter:receive-dossier'](dossierInput)).toEqual({
      ok: false,
      error: { kind: 'hub-unreachable', message: 'Máy quầy chưa kết nối được máy chủ lần nào kể từ khi khởi động: chưa có danh mục thủ tục.' },
    });
    expect(await lost.handlers['kiosk:take-ticket']({ serviceId: 'ho-tich', priority: 'normal' })).toMatchObject({ ok: false, error: { kind: 'hub-unreachable' } });
    expect(lost.context()).toMatchObject({ hubConnected: false, outbox: null, scanner: null, kiosk: null, printer: null });
  }, 60_000);
});
