import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TerminalContext } from '../../core/protocol/bridge';
import { jobToText } from '../../hardware/virtual/job-text';
import { VirtualPrinter, type VirtualPrintJob } from '../../hardware/virtual/virtual-printer';
import { hasScanimage } from '../../hardware/scanner/sane-scanner';
import type { Hub } from '../../hub/hub';
import { BridgeServer } from '../../main/agent/bridge-server';
import { TerminalAgent } from '../../main/agent/terminal-agent';
import { RENDERER_DIR } from '../../bin/cli/centre-runtime';
import { BridgeClient } from '../support/bridge-client';
import { DEMO_CLERKS, demoConfig, startHub, tempDir, tokenOf } from '../support/centre';

const config = demoConfig();
const SCANIMAGE = hasScanimage();
if (!SCANIMAGE) console.warn('tests/main/counter-desk.test.ts: scanimage is not installed (apt install sane-utils): skipping the scanning test');

/** A dossier as a clerk enters it at the counter. */
const dossierInput = (n: number, extra: { ticketId?: number } = {}) => ({
  procedureCode: 'KD-TL',
  applicant: { fullName: `Nguyễn Văn An ${n}`.slice(0, 100), idNumber: '001203004567', phone: '0912345678' },
  documents: [{ name: 'Giấy đề nghị đăng ký hộ kinh doanh', copies: 1 }],
  feePaid: 100_000,
  ...extra,
});

const flat = (text: string) => text.replace(/\s+/g, ' ');
/** "2026-05-07T17:00" → "17 giờ 00 phút, ngày 07/05/2026", as Form 01 prints it. */
const formMoment = (local: string) => {
  const [, y, mo, d, h, mi] = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(local)!;
  return `${h} giờ ${mi} phút, ngày ${d}/${mo}/${y}`;
};

describe('counter desk: scanning, receiving through the outbox, Form 01', () => {
  let tmp: ReturnType<typeof tempDir>;
  let hub: Hub;
  let printer: VirtualPrinter;
  let printerPort: number;
  const stops: (() => Promise<void>)[] = [];

  const counter = async (extra: { saneScanner?: string; codeStock?: { low: number; target: number } } = {}) => {
    const agent = new TerminalAgent({
      hubUrl: hub.url,
      deviceId: 'counter-1',
      token: tokenOf(config, 'counter-1'),
      dataDir: path.join(tmp.dir, 'counter-1'),
      printerInterface: `tcp://127.0.0.1:${printerPort}`,
      devices: extra.saneScanner ? { saneScanner: extra.saneScanner } : undefined,
      scanResolution: 50,
      codeStock: extra.codeStock,
    });
    await agent.start();
    const bridge = new BridgeServer({ agent, staticDir: RENDERER_DIR });
    const { launchUrl } = await bridge.start();
    const c = await BridgeClient.connect(launchUrl);
    stops.push(async () => {
      c.close();
      await bridge.close();
      await agent.close();
    });
    await c.waitForContext((x) => x.hubConnected && x.snapshot !== null && (x.outbox?.codesLeft ?? 0) > 0, 15_000);
    const { clerkId, pin } = DEMO_CLERKS['quay-1'];
    expect(await c.invoke('counter:sign-in', { clerkId, pin })).toMatchObject({ ok: true });
    await c.waitForContext((x) => x.snapshot?.counterStates['quay-1']?.clerk?.id === clerkId);
    return { agent, c, url: new URL(launchUrl), cookie: c.cookie ?? '' };
  };

  const nextJob = (from: number) =>
    new Promise<VirtualPrintJob>((resolve, reject) => {
      const started = Date.now();
      const poll = () => {
        const job = printer.jobs.find((j) => j.number > from && j.cut);
        if (job) return resolve(job);
        if (Date.now() - started > 10_000) return reject(new Error('no print job'));
        setTimeout(poll, 20);
      };
      poll();
    });

  beforeEach(async () => {
    tmp = tempDir();
    hub = await startHub(path.join(tmp.dir, 'hub.sqlite'));
    printer = new VirtualPrinter({ outDir: path.join(tmp.dir, 'printed') });
    printerPort = (await printer.start()).port;
  });
  afterEach(async () => {
    for (const stop of stops.splice(0).reverse()) await stop();
    await hub.close();
    await printer.close();
    tmp.remove();
  });

  it.skipIf(!SCANIMAGE)('scans 3 pages with progress, deletes, rescans and moves pages, and receives: the hub has the dossier and a PDF of the right page count; Form 01 prints', async () => {
    const { c, url, cookie } = await counter({ saneScanner: 'test' });
    expect(c.latest?.scanner).toEqual({ state: 'idle', progress: null, message: null, pages: [] });

    const seen: NonNullable<TerminalContext['scanner']>[] = [];
    const watching = c.waitForContext((x) => {
      if (x.scanner) seen.push(x.scanner);
      return false;
    }, 60_000).catch(() => undefined);
    void watching;
    const scanned = await c.invoke('counter:scan-pages', { pages: 3 });
    expect(scanned).toMatchObject({ ok: true, value: { state: 'idle', message: null } });
    if (!scanned.ok) return;
    expect(scanned.value.pages).toHaveLength(3);
    const progress = seen.filter((s) => s.state === 'scanning' && s.progress).map((s) => s.progress!.page);
    expect(new Set(progress)).toEqual(new Set([1, 2, 3]));
    expect(seen.some((s) => s.progress?.percent === 100 || s.progress?.percent === 67)).toBe(true);

    // Each page has a small preview behind the bridge's session cookie.
    const [p1, p2, p3] = scanned.value.pages;
    const preview = await fetch(new URL(p1!.previewUrl, url.origin), { headers: { cookie } });
    expect(preview.status).toBe(200);
    expect(preview.headers.get('content-type')).toBe('image/png');
    expect((await fetch(new URL(p1!.previewUrl, url.origin), { headers: { cookie: `${cookie.split('=')[0]}=nope` } })).status).toBe(401);

    const deleted = await c.invoke('counter:scan-delete', { pageId: p2!.id });
    expect(deleted.ok && deleted.value.pages.map((p) => p.id)).toEqual([p1!.id, p3!.id]);
    const rescanned = await c.invoke('counter:scan-rescan', { pageId: p1!.id });
    expect(rescanned.ok).toBe(true);
    if (!rescanned.ok) return;
    const newFirst = rescanned.value.pages[0]!;
    expect(newFirst.id).not.toBe(p1!.id);
    const moved = await c.invoke('counter:scan-move', { pageId: p3!.id, to: 0 });
    expect(moved.ok && moved.value.pages.map((p) => p.id)).toEqual([p3!.id, newFirst.id]);
    expect(await c.invoke('counter:scan-delete', { pageId: 'no-such-page' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    const more = await c.invoke('counter:scan-pages', { pages: 1 });
    expect(more.ok && more.value.pages).toHaveLength(3);

    const jobsBefore = printer.jobs.length;
    const r = await c.invoke('counter:receive-dossier', dossierInput(1));
    expect(r).toMatchObject({ ok: true, value: { delivered: true, printed: { ok: true }, dossier: { status: 'received', procedureCode: 'KD-TL', pdf: { pages: 3 } } } });
    if (!r.ok) return;
    const { dossier } = r.value;
    expect(dossier.code).toMatch(/^HK-\d{6}-\d{4}$/);
    // The scan session is cleared for the next dossier.
    expect((await c.waitForContext((x) => x.scanner?.pages.length === 0)).outbox).toMatchObject({ pending: 0 });

    // The hub has the dossier and its PDF, with the three pages.
    const got = await c.invoke('counter:dossier', { code: `MOTCUA:HS:${dossier.code}` });
    expect(got).toMatchObject({ ok: true, value: { dossier: { code: dossier.code, pdf: { pages: 3 } } } });
    const pdf = await fetch(new URL(`/files/dossier-pdf/${dossier.code}`, url.origin), { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect((await PDFDocument.load(new Uint8Array(await pdf.arrayBuffer()))).getPageCount()).toBe(3);

    // Form 01: the code, the due date, the clerk, in Vietnamese, and the lookup QR.
    const job = await nextJob(jobsBefore);
    const text = flat(jobToText(job));
    expect(text).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(text).toContain(dossier.code);
    expect(text).toContain(formMoment(dossier.dueLocal));
    expect(text).toContain(DEMO_CLERKS['quay-1'].name);
    expect(text).toContain('Giấy đề nghị đăng ký hộ kinh doanh (1 bản chính)');
    expect(text).toContain(`[QR: MOTCUA:HS:${dossier.code}]`);
  }, 90_000);

  it('answers clearly without a scanner, and checks the input against the catalogue before using a code', async () => {
    const { c } = await counter();
    expect(c.latest?.scanner).toBeNull();
    expect(await c.invoke('counter:scan-pages', { pages: 1 })).toMatchObject({ ok: false, error: { kind: 'not-found', message: expect.stringContaining('chưa được cấu hình máy quét') } });
    const left = c.latest!.outbox!.codesLeft;
    expect(await c.invoke('counter:receive-dossier', { ...dossierInput(1), procedureCode: 'XX-YY' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await c.invoke('counter:receive-dossier', { ...dossierInput(1), documents: [{ name: 'Sổ đỏ', copies: 1 }] })).toMatchObject({
      ok: false,
      error: { kind: 'invalid-input', message: expect.stringContaining('không thuộc thành phần hồ sơ') },
    });
    expect(await c.invoke('counter:receive-dossier', { ...dossierInput(1), applicant: { fullName: 'Lê Văn Bình', idNumber: '999203004567' } })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(c.latest!.outbox!.codesLeft).toBe(left);
    expect(await c.invoke('counter:dossier', { code: 'not a code' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  });

  it('keeps a dossier the hub refuses in the outbox as failed, with the reason, and never drops it', async () => {
    const { c } = await counter();
    const r = await c.invoke('counter:receive-dossier', dossierInput(1, { ticketId: 987_654 }));
    expect(r).toMatchObject({ ok: true, value: { delivered: false, printed: { ok: true }, dossier: { status: 'received' } } });
    if (!r.ok) return;
    const ctx = await c.waitForContext((x) => (x.outbox?.failed?.length ?? 0) === 1);
    expect(ctx.outbox).toMatchObject({ pending: 1, failed: [{ code: r.value.dossier.code, message: expect.stringContaining('987654') }] });
    // Still found at the counter, from its own copy.
    expect(await c.invoke('counter:dossier', { code: r.value.dossier.code })).toMatchObject({ ok: true, value: { dossier: { code: r.value.dossier.code } } });
    // The next dossier is delivered as usual.
    const second = await c.invoke('counter:receive-dossier', dossierInput(2));
    expect(second).toMatchObject({ ok: true, value: { delivered: true } });
    // The hub tells every counter of the new dossier: it heads the feed.
    if (second.ok) await c.waitForContext((x) => x.dossierFeed[0]?.dossier.code === second.value.dossier.code);
    expect((await c.waitForContext((x) => x.outbox?.pending === 1)).outbox?.failed).toHaveLength(1);
  });

  it('a counter that starts while the hub is down receives from the catalogue it kept, and delivers once the hub is back', async () => {
    const first = await counter();
    const port = Number(new URL(hub.url).port);
    const file = path.join(tmp.dir, 'hub.sqlite');
    // The terminal is switched off, then the hub goes down; the terminal starts again without it.
    for (const stop of stops.splice(0).reverse()) await stop();
    void first;
    await hub.close();
    const agent = new TerminalAgent({ hubUrl: `http://127.0.0.1:${port}`, deviceId: 'counter-1', token: tokenOf(config, 'counter-1'), dataDir: path.join(tmp.dir, 'counter-1'), printerInterface: `tcp://127.0.0.1:${printerPort}` });
    await agent.start();
    const bridge = new BridgeServer({ agent, staticDir: RENDERER_DIR });
    const c = await BridgeClient.connect((await bridge.start()).launchUrl);
    stops.push(async () => {
      c.close();
      await bridge.close();
      await agent.close();
    });
    const offline = await c.waitForContext((x) => x.catalogue.procedures.length > 0);
    expect(offline.hubConnected).toBe(false);
    expect(offline.snapshot).toBeNull();
    const r = await c.invoke('counter:receive-dossier', dossierInput(1));
    expect(r).toMatchObject({ ok: true, value: { delivered: false, printed: { ok: true } } });
    const code = r.ok ? r.value.dossier.code : '';

    hub = await startHub(file, { port });
    await c.waitForContext((x) => x.hubConnected && x.outbox?.pending === 0, 30_000);
    expect(await c.invoke('counter:dossier', { code })).toMatchObject({ ok: true, value: { dossier: { code, status: 'received' } } });
  }, 60_000);

  it('receives 50 dossiers while the hub is down; when it is back every one arrives exactly once with its code, and the result can be returned', async () => {
    const { c } = await counter({ codeStock: { low: 60, target: 60 } });
    await c.waitForContext((x) => (x.outbox?.codesLeft ?? 0) >= 60);
    const file = path.join(tmp.dir, 'hub.sqlite');
    const port = Number(new URL(hub.url).port);
    await hub.close();
    await c.waitForContext((x) => !x.hubConnected);

    const codes: string[] = [];
    for (let i = 1; i <= 50; i++) {
      const r = await c.invoke('counter:receive-dossier', dossierInput(i));
      expect(r).toMatchObject({ ok: true, value: { delivered: false, dossier: { status: 'received' } } });
      if (r.ok) codes.push(r.value.dossier.code);
    }
    expect(new Set(codes).size).toBe(50);
    expect(c.latest?.outbox).toMatchObject({ pending: 50, codesLeft: 10 });
    // Offline, a dossier is still found from the outbox.
    expect(await c.invoke('counter:dossier', { code: codes[7]! })).toMatchObject({ ok: true, value: { dossier: { code: codes[7], applicant: { fullName: 'Nguyễn Văn An 8' } } } });

    hub = await startHub(file, { port });
    await c.waitForContext((x) => x.hubConnected && x.outbox?.pending === 0, 30_000);

    const db = new BetterSqlite3(file, { readonly: true });
    try {
      const rows = db.prepare("SELECT code, applicant_name AS name FROM dossiers WHERE received_by = 'counter-1' ORDER BY code").all() as { code: string; name: string }[];
      expect(rows.map((r) => r.code)).toEqual([...codes].sort());
      expect(new Set(rows.map((r) => r.name)).size).toBe(50);
      const history = db.prepare("SELECT dossier_code, count(*) AS n FROM dossier_history WHERE action = 'receive' GROUP BY dossier_code HAVING n > 1").all();
      expect(history).toEqual([]);
    } finally {
      db.close();
    }
    // A reconnect replays nothing.
    await hub.close();
    await c.waitForContext((x) => !x.hubConnected);
    hub = await startHub(file, { port });
    await c.waitForContext((x) => x.hubConnected);
    const db2 = new BetterSqlite3(file, { readonly: true });
    try {
      expect((db2.prepare('SELECT count(*) AS n FROM dossiers').get() as { n: number }).n).toBe(50);
    } finally {
      db2.close();
    }

    // Returning a result goes to the hub (it must be done first: the counter cannot return a dossier just received).
    expect(await c.invoke('counter:return-dossier', { code: codes[0]! })).toMatchObject({ ok: false, error: { kind: 'conflict' } });
  }, 120_000);
});
