import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_TOKEN_BYTES, publicTokenFromBytes } from '../../../core/public/public-token';
import { HubClient } from '../../../main/agent/hub-client';
import { seriousAxeViolations } from '../../support/axe';
import { launchChromium, openPage, type WatchedPage } from '../../support/browser';
import { commandId, tempDir } from '../../support/centre';
import { upOn } from '../../support/failover';
import { NGINX_MISSING, startNginx, type NginxFront } from '../../support/nginx';
import { DEMO_PROVINCE, demoProvinceToken, startProvinceProcess, type ProvinceProcess } from '../../support/province-process';
import { POSTGRES_MISSING, startPostgres, warnIfPostgresMissing, type PostgresInstance } from '../../support/postgres';
import { BookingPage } from '../../e2e/pages/booking-page';
import { PhoneTicketPage } from '../../e2e/pages/phone-ticket-page';

warnIfPostgresMissing('public pages under a centre’s path');
if (NGINX_MISSING) console.warn(`public pages under a centre’s path: ${NGINX_MISSING} — SKIPPED`);

/** The province's one public address, as printed on tickets and receipts; the test's nginx plays it. */
const PUBLIC = 'https://tinh.example.vn';
const SHOTS = process.env['MOTCUA_SHOTS_DIR'] ?? path.resolve('test-results/e2e/prefix');
// The demo province's PINs: Hoàn Kiếm's and Ba Đình's clerks 5555, Phường Hàng Trống's officer 3333.
const HK = 'hoan-kiem';
const BD = 'ba-dinh';

/**
 * Issue 13: the citizen's pages behind the province's front, a path per centre (`/c/<id>/`, the
 * prefix stripped by nginx: docs/nginx/province.conf.template). One hub process serves Hoàn Kiếm
 * and Ba Đình on PostgreSQL; real nginx in front; real Chromium on a phone-sized screen. The
 * pages find their files, streams and API from their own address (core/public/page-address.ts),
 * so under `/c/hoan-kiem/` they reach Hoàn Kiếm's hub — with absolute paths (`/t/assets/…`) they
 * would ask the front's root, where nothing answers.
 */
describe.skipIf(POSTGRES_MISSING !== null || NGINX_MISSING !== null)('the public pages under a centre’s path behind one nginx', () => {
  let pgServer: PostgresInstance;
  let tmp: ReturnType<typeof tempDir>;
  let hubs: ProvinceProcess;
  let front: NginxFront;
  let browser: Browser;
  const clients: HubClient[] = [];
  const tabs: WatchedPage[] = [];

  /** A terminal (or an agency's back office) through the front, under its centre's path. */
  async function terminal(centreId: string, deviceId: string): Promise<HubClient> {
    const hubUrl = `${front.url}/c/${centreId}`;
    const client = new HubClient({ hubUrl, deviceId, token: demoProvinceToken(deviceId), commandPatienceMs: 30_000, commandTimeoutMs: 10_000 });
    clients.push(client);
    client.start();
    await upOn(client, hubUrl, performance.now(), 60_000);
    await expect.poll(() => client.current().hello?.centre.publicBaseUrl, { timeout: 15_000 }).toBeDefined();
    return client;
  }
  const must = <T>(r: { ok: true; value: T } | { ok: false; error: { kind: string; message: string } }, what: string): T => {
    if (!r.ok) throw new Error(`${what}: ${r.error.kind} ${r.error.message}`);
    return r.value;
  };
  /** A link the hub drew for the citizen (https://tinh.example.vn/c/…), opened through the test's front instead. */
  const throughFront = (link: string) => `${front.url}${new URL(link).pathname}`;
  const phone = async () => {
    const tab = await openPage(browser, { width: 390, height: 844 }, true);
    tabs.push(tab);
    return tab;
  };
  const shot = (tab: WatchedPage, name: string) => tab.page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, animations: 'disabled' });

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    tmp = tempDir();
    // The demo province with its public address, the front as the trusted proxy, and online booking at Hoàn Kiếm.
    const province = JSON.parse(readFileSync(DEMO_PROVINCE, 'utf8')) as { province: Record<string, unknown>; centres: Record<string, unknown>[] };
    province.province['publicBaseUrl'] = PUBLIC;
    province.province['trustedProxies'] = ['127.0.0.1'];
    const hk = province.centres.find((c) => c['id'] === HK)!;
    hk['appointments'] = {
      slotMinutes: 30,
      earlyMinutes: 30,
      lateMinutes: 15,
      services: { 'ho-tich': { capacityPerSlot: 2, hours: [{ from: '07:30', to: '11:00' }, { from: '13:30', to: '16:30' }] } },
      online: { holdMinutes: 5, perPersonPerDay: 1, horizonDays: 14, askCccd: false },
    };
    const file = path.join(tmp.dir, 'province.json');
    writeFileSync(file, JSON.stringify(province));
    pgServer = await startPostgres();
    const url = await pgServer.createDatabase('province');
    [hubs, browser] = await Promise.all([startProvinceProcess(url, path.join(tmp.dir, 'hub'), `${HK},${BD}`, file), launchChromium()]);
    front = await startNginx({ prefixed: true, centres: [HK, BD].map((centreId) => ({ centreId, servers: [new URL(hubs.urls.get(centreId)!).host] })) });
  }, 240_000);

  afterAll(async () => {
    await Promise.all(tabs.map((t) => t.context.close().catch(() => undefined)));
    await browser?.close();
    await Promise.all(clients.map((c) => c.close()));
    await front?.stop();
    await hubs?.stop();
    await pgServer?.stop();
    tmp?.remove();
  }, 60_000);

  it('Hoàn Kiếm’s ticket page at /c/hoan-kiem/t/<token>: its number, then the call from Hoàn Kiếm’s counter, live through the prefix; the rating posted back through it', async () => {
    const kiosk = await terminal(HK, 'hoan-kiem-kiosk-1');
    const counter = await terminal(HK, 'hoan-kiem-may-quay-1');
    expect(kiosk.current().hello?.centre.publicBaseUrl).toBe(`${PUBLIC}/c/${HK}`);
    // The operator sees it at start, under each centre's line.
    expect(hubs.output()).toContain(`public pages ${PUBLIC}/c/${HK}/t/… /hs/… /dat-lich`);
    // Ba Đình has a ticket too, with the same first number: the page must show Hoàn Kiếm's.
    const other = await terminal(BD, 'ba-dinh-kiosk-1');
    must(await other.command('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' }), 'Ba Đình ticket');
    const issued = must(await kiosk.command('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' }), 'Hoàn Kiếm ticket');
    // The QR the kiosk prints carries the centre's path on the province's address.
    expect(issued.trackingUrl).toMatch(new RegExp(`^${PUBLIC}/c/${HK}/t/[A-Za-z0-9_-]+$`));

    const tab = await phone();
    const page = new PhoneTicketPage(tab.page);
    await page.open(throughFront(issued.trackingUrl!));
    expect(await page.number()).toBe(issued.ticket.number);
    expect(await tab.page.locator('body').innerText()).toContain('Hộ tịch');
    expect(await seriousAxeViolations(tab.page)).toEqual([]);
    await shot(tab, 'prefix-1-ticket-waiting');

    must(await counter.command('counter:sign-in', { commandId: commandId(), counterId: 'quay-1', clerkId: 'nguyen-thi-lan', pin: '5555' }), 'sign-in');
    const called = must(await counter.command('counter:call-next', { commandId: commandId(), counterId: 'quay-1' }), 'call-next');
    expect(called.ticket?.id).toBe(issued.ticket.id);
    // The page's stream (<prefix>/t/<token>/events) brings the call.
    expect(await page.waitForCall()).toMatch(/Quầy 1/);
    await shot(tab, 'prefix-2-ticket-called');

    // Served: the rating is offered on the stream, and sent back with a POST to <prefix>/t/<token>/rate.
    must(await counter.command('ticket:start', { commandId: commandId(), ticketId: issued.ticket.id }), 'start');
    must(await counter.command('ticket:complete', { commandId: commandId(), ticketId: issued.ticket.id }), 'complete');
    await page.waitForRating();
    expect(await page.rate('Rất hài lòng')).toBe('Cảm ơn bạn đã đánh giá!');
    await shot(tab, 'prefix-3-ticket-rated');
    expect(tab.problems).toEqual([]);
  }, 180_000);

  it('Ba Đình’s dossier page at /c/ba-dinh/hs/<token>: its code, then the agency’s step, live through the prefix', async () => {
    const kiosk = await terminal(BD, 'ba-dinh-kiosk-1');
    const counter = await terminal(BD, 'ba-dinh-may-quay-1');
    // The Form 01 receipt's QR is <publicBaseUrl>/hs/<token>, drawn by the counter from its hello.
    expect(counter.current().hello?.centre.publicBaseUrl).toBe(`${PUBLIC}/c/${BD}`);
    must(await counter.command('counter:sign-in', { commandId: commandId(), counterId: 'quay-1', clerkId: 'le-thu-ha', pin: '5555' }), 'sign-in');
    must(await kiosk.command('ticket:issue', { commandId: commandId(), serviceId: 'ho-tich' }), 'ticket');
    must(await counter.command('counter:call-next', { commandId: commandId(), counterId: 'quay-1' }), 'call-next');
    const token = publicTokenFromBytes(randomBytes(PUBLIC_TOKEN_BYTES));
    const received = must(
      await counter.command('dossier:receive', { commandId: commandId(), procedureCode: '1.001193', applicant: { fullName: 'Phạm Văn An', idNumber: '001090012345' }, documents: [], feePaid: 0, publicToken: token }),
      'dossier:receive',
    );
    const code = received.dossier.code;

    const tab = await phone();
    await tab.page.goto(`${front.url}/c/${BD}/hs/${token}`);
    expect(await tab.page.getByTestId('hs-code').innerText()).toBe(code);
    expect(await tab.page.getByTestId('hs-status').innerText()).toBe('Đã tiếp nhận');
    expect(await tab.page.getByTestId('hs-collect').innerText()).toBe('Bộ phận Một cửa quận Ba Đình');
    // The same token under the other centre's path is not found: each path reaches its own centre's hub.
    expect((await fetch(`${front.url}/c/${HK}/hs/${token}`)).status).toBe(404);
    expect(await seriousAxeViolations(tab.page)).toEqual([]);
    await shot(tab, 'prefix-4-dossier-received');

    // Phường Hàng Trống's officer, at Ba Đình's address, accepts it: the page's script follows <prefix>/hs/<token>/events.
    const agency = await terminal(BD, 'xu-ly-ubnd-phuong-hang-trong');
    must(await agency.command('officer:sign-in', { commandId: commandId(), officerId: 'trinh-van-long', pin: '3333' }), 'officer sign-in');
    must(await agency.command('dossier:act', { commandId: commandId(), code, action: 'accept' }), 'accept');
    await tab.page.locator('body[data-live="processing"]').waitFor({ timeout: 20_000 });
    expect(await tab.page.getByTestId('hs-status').innerText()).toBe('Đang giải quyết');
    await shot(tab, 'prefix-5-dossier-processing');
    expect(tab.problems).toEqual([]);
  }, 180_000);

  it('Hoàn Kiếm’s booking page at /c/hoan-kiem/dat-lich: loads its services and slots and books one through the prefix', async () => {
    const tab = await phone();
    const booking = new BookingPage(tab.page);
    await booking.open(`${front.url}/c/${HK}/dat-lich`);
    expect(await seriousAxeViolations(tab.page)).toEqual([]);
    await booking.chooseService('Hộ tịch');
    // The second open day: never today, whose hours may have passed already (the hub runs on real time).
    const day = await tab.page.locator('[data-date]:not([disabled])').nth(1).getAttribute('data-date');
    await booking.chooseDay(day!);
    const slot = await tab.page.locator('[data-slot]:not([disabled])').first().getAttribute('data-slot');
    expect(await booking.placesOf(slot!)).toBe('còn 2 chỗ');
    await shot(tab, 'prefix-6-booking-slots');
    await booking.chooseSlot(slot!);
    await tab.page.getByText(new RegExp(`Đang giữ chỗ lúc ${slot}`)).waitFor();
    await booking.fillDetails('Trần Văn Bình', '0912 345 678');
    const code = await booking.confirm();
    expect(code).toMatch(/^[23456789ABCDEFGHJKLMNPQRSTUVWXYZ]{6}$/);
    await tab.page.getByText('Đặt lịch thành công').waitFor();
    await shot(tab, 'prefix-7-booking-done');
    // "/c/hoan-kiem/dat-lich/" comes back to the page under the same prefix.
    const slash = await fetch(`${front.url}/c/${HK}/dat-lich/`, { redirect: 'manual' });
    expect(new URL(slash.headers.get('location')!, `${front.url}/c/${HK}/dat-lich/`).pathname).toBe(`/c/${HK}/dat-lich`);
    expect(tab.problems).toEqual([]);
  }, 180_000);
});
