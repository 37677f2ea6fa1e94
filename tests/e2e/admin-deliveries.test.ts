import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentre, type CentreRuntime } from '../../bin/cli/centre-runtime';
import { newWebhookSecret } from '../../hub/integrations/webhook-sender';
import { IntegrationsConfigSchema } from '../../kiosk-config/integrations-schema';
import { fontsReady, launchChromium, openPage, type WatchedPage } from '../support/browser';
import { commandId, connectCounter, DEMO_CLERKS, demoConfig, tempDir, type DeviceSocket } from '../support/centre';
import { startFakeDvcqg, type FakeDvcqg } from '../support/fake-dvcqg';
import { startFakeWebhookReceiver, type FakeWebhookReceiver } from '../support/fake-webhook-receiver';
import { AdminPage } from './pages/admin-page';
import { BackofficePage } from './pages/backoffice-page';
import { CounterDossierPage } from './pages/counter-dossier-page';
import { CounterPage } from './pages/counter-page';

const ARTEFACTS = path.resolve('test-results/e2e');
const MADONVI = '000.00.31.H26';

/**
 * The national portal is down for maintenance (an HTML page) when a birth registration is
 * received: the back office and the counter show "lỗi: …", the administrator sees the delivery
 * waiting in the log with its reason, presses "Gửi lại" once the portal is back, and every screen
 * then says "đã đồng bộ". A department's webhook receiver got the event meanwhile.
 */
describe('sync state on the staff screens and the admin delivery log (real centre, fake portal and receiver, Chromium)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let centre: CentreRuntime;
  let browser: Browser;
  let portal: FakeDvcqg;
  let receiver: FakeWebhookReceiver;
  const pages: WatchedPage[] = [];
  const sockets: DeviceSocket[] = [];

  beforeAll(async () => {
    mkdirSync(ARTEFACTS, { recursive: true });
    tmp = tempDir('motcua-e2e-deliveries-');
    portal = await startFakeDvcqg({ username: 'motcua-hk', password: 'mat-khau', madonvi: MADONVI });
    const secret = newWebhookSecret((n) => randomBytes(n));
    receiver = await startFakeWebhookReceiver({ secret });
    const integrations = IntegrationsConfigSchema.parse({
      nationalPortal: { adapterUrl: portal.url, username: 'motcua-hk', passwordEnv: 'MOTCUA_DVCQG_PASSWORD', madonvi: MADONVI, timeoutMs: 5000, procedureCodes: { 'HT-KS': '1.001193' } },
      webhooks: { allowPrivateAddresses: true, subscriptions: [{ id: 'phong-tu-phap', system: 'Phần mềm hộ tịch Phòng Tư pháp', url: `${receiver.url}/motcua`, secretEnv: 'MOTCUA_WH_TU_PHAP', events: ['dossier.received', 'dossier.status_changed'] }] },
    });
    centre = await startCentre({ config: { ...demoConfig(), integrations }, dataDir: tmp.dir, preferConfiguredPorts: false, env: { MOTCUA_DVCQG_PASSWORD: 'mat-khau', MOTCUA_WH_TU_PHAP: secret } });
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const p of pages) await p.context.close();
    await browser?.close();
    await centre?.close();
    await portal?.close();
    await receiver?.close();
    tmp?.remove();
  });

  const shot = async (page: WatchedPage['page'], name: string) => {
    await fontsReady(page);
    await page.screenshot({ path: path.join(ARTEFACTS, `deliveries-${name}.png`), animations: 'disabled' });
  };

  it('shows "lỗi: …" while the portal is down, the waiting delivery in the log, and "đã đồng bộ" after "Gửi lại"', async () => {
    // The first two attempts meet the maintenance page; the third is 5 minutes away on the schedule.
    portal.inject({ kind: 'malformed' });
    portal.inject({ kind: 'malformed' });
    const counter = await connectCounter(centre.hub.url, 'counter-2');
    sockets.push(counter.socket);
    const received = await counter.socket.emitWithAck('dossier:receive', {
      commandId: commandId(),
      procedureCode: 'HT-KS',
      applicant: { fullName: 'Nguyễn Văn Bình', idNumber: '001085012345', phone: '0912 345 678' },
      documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1 }],
      feePaid: 0,
    });
    if (!received.ok) throw new Error(received.error.message);
    const code = received.value.dossier.code;
    const deadline = Date.now() + 30_000;
    while (portal.calls.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(portal.calls.length).toBe(2);

    // The back office (1440×900): the dossier says why it is not on the portal yet.
    const boTab = await openPage(browser, { width: 1440, height: 900 });
    pages.push(boTab);
    const bo = new BackofficePage(boTab.page);
    await bo.open(centre.agents.backoffice.launchUrl(), { name: 'Hoàng Minh Tuấn', pin: '5555' });
    await bo.openDossier(code);
    const boSync = boTab.page.getByTestId('backoffice-sync');
    await boSync.waitFor();
    expect(await boSync.getAttribute('data-state')).toBe('error');
    expect(await boSync.innerText()).toBe('Cổng DVC quốc gia: lỗi: Cổng DVCQG trả lời không đúng định dạng (có thể đang bảo trì)');
    await shot(boTab.page, '1-backoffice-error');

    // The counter (1366×768), at its return desk.
    const counterTab = await openPage(browser, { width: 1366, height: 768 });
    pages.push(counterTab);
    await new CounterPage(counterTab.page).open(centre.agents.counter.launchUrl(), DEMO_CLERKS['quay-1']);
    const desk = new CounterDossierPage(counterTab.page);
    await desk.openReturn();
    expect(await desk.lookup(code)).toBe('Đã tiếp nhận');
    expect(await counterTab.page.getByTestId('dossier-sync').getAttribute('data-state')).toBe('error');
    expect(await counterTab.page.getByTestId('dossier-sync').innerText()).toBe('Cổng DVC quốc gia: lỗi: Cổng DVCQG trả lời không đúng định dạng (có thể đang bảo trì)');
    await shot(counterTab.page, '2-counter-error');

    // The administrator's log (1366×768): the webhook went, the portal waits with its reason.
    const adminTab = await openPage(browser, { width: 1366, height: 768 });
    pages.push(adminTab);
    const admin = new AdminPage(adminTab.page);
    await admin.open(centre.agents.admin.launchUrl());
    const section = adminTab.page.getByTestId('admin-deliveries');
    await section.scrollIntoViewIfNeeded();
    const portalRow = section.locator('tr[data-state="pending"]', { hasText: 'Cổng DVC quốc gia' });
    await portalRow.waitFor();
    expect(await portalRow.locator('.a-deliveries-error strong').innerText()).toBe('Cổng DVCQG trả lời không đúng định dạng (có thể đang bảo trì)');
    expect(await portalRow.locator('.a-deliveries-detail').innerText()).toMatch(/^DVCQG TraCuuHoSo: HTTP 200, not JSON/);
    expect(await section.locator('tr[data-state="delivered"]', { hasText: 'Phần mềm hộ tịch Phòng Tư pháp' }).count()).toBe(1);
    expect(await section.locator('[data-subscription="phong-tu-phap"]').innerText()).toContain('Đang nhận');
    await shot(adminTab.page, '3-admin-log-waiting');

    await portalRow.getByRole('button', { name: 'Gửi lại' }).click();
    await section.getByRole('status').filter({ hasText: 'để gửi lại ngay' }).waitFor();
    // The worker sends it at once; the log shows it on its next refresh.
    while (portal.statusesOf(`${MADONVI}-${code.slice(3)}`).length === 0 && Date.now() < deadline + 30_000) await new Promise((r) => setTimeout(r, 100));
    await section.getByRole('button', { name: 'Làm mới' }).click();
    await section.locator('tr[data-state="delivered"]', { hasText: 'Cổng DVC quốc gia' }).waitFor();
    expect(await section.locator('tr[data-state="pending"]').count()).toBe(0);
    await shot(adminTab.page, '4-admin-log-delivered');

    expect(portal.statusesOf(`${MADONVI}-${code.slice(3)}`)).toEqual([2]);
    expect(portal.dossiers.get(`${MADONVI}-${code.slice(3)}`)).toMatchObject({ MaTTHC: '1.001193', ChuHoSo: 'Nguyễn Văn Bình', KenhThucHien: 1, TrangThaiHoSo: 2 });
    expect(receiver.received.map((r) => r.type)).toEqual(['dossier.received']);
    expect(receiver.rejected).toEqual([]);

    // Looked up again, the counter says it is on the portal.
    expect(await desk.lookup(code)).toBe('Đã tiếp nhận');
    await counterTab.page.getByTestId('dossier-sync').and(counterTab.page.locator('[data-state="synced"]')).waitFor();
    expect(await counterTab.page.getByTestId('dossier-sync').innerText()).toBe('Cổng DVC quốc gia: đã đồng bộ');
    await shot(counterTab.page, '5-counter-synced');
    for (const p of pages) expect(p.problems).toEqual([]);
  }, 180_000);
});
