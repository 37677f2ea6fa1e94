import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fontsReady, openPage, type WatchedPage } from '../support/browser';
import { commandId, connectCounter, type DeviceSocket } from '../support/centre';
import { BackofficePage } from './pages/backoffice-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/** A day in Phòng Tư pháp: a dossier comes in from the counter while the officer watches, and moves on. */
describe('back office: a dossier arrives live and is processed, with its control sheet', () => {
  const e = useE2eCentre('motcua-e2e-backoffice-');
  const pages: WatchedPage[] = [];
  const sockets: DeviceSocket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.close();
    for (const p of pages) await p.context.close();
  });

  const shot = async (page: WatchedPage['page'], name: string) => {
    await fontsReady(page);
    await page.screenshot({ path: path.join(ARTEFACTS, `backoffice-${name}.png`), animations: 'disabled' });
  };

  it('signs in, sees the counter\'s dossier appear without reload, accepts it and asks for a supplement', async () => {
    const tab = await openPage(e.browser, { width: 1440, height: 900 });
    pages.push(tab);
    const bo = new BackofficePage(tab.page);
    await bo.open(e.centre.agents.backoffice.launchUrl(), { name: 'Hoàng Minh Tuấn', pin: '5555' });
    expect(await tab.page.getByTestId('backoffice-department').innerText()).toBe('Phòng Tư pháp');
    expect(await bo.count('new')).toBe(0);
    await shot(tab.page, '1-signed-in');

    // Quầy 2's clerk receives a birth registration at the hub.
    const counter = await connectCounter(e.centre.hub.url, 'counter-2');
    sockets.push(counter.socket);
    const received = await counter.socket.emitWithAck('dossier:receive', {
      commandId: commandId(),
      procedureCode: 'HT-KS',
      applicant: { fullName: 'Nguyễn Văn Bình', idNumber: '001085012345', phone: '0912 345 678' },
      documents: [
        { name: 'Tờ khai đăng ký khai sinh', copies: 1 },
        { name: 'Giấy chứng sinh', copies: 1 },
      ],
      feePaid: 0,
    });
    if (!received.ok) throw new Error(received.error.message);
    const code = received.value.dossier.code;

    // It appears on the officer's screen by itself: highlighted, with a notice and the title count.
    await bo.row(code).waitFor();
    expect(await bo.row(code).getAttribute('class')).toContain('bo-row-unread');
    expect(await tab.page.getByTestId('backoffice-toasts').innerText()).toContain(code);
    expect(await tab.page.title()).toMatch(/^\(1\) /);
    expect(await bo.count('new')).toBe(1);
    await shot(tab.page, '2-arrived');

    await bo.openDossier(code);
    expect(await bo.status()).toBe('Đã tiếp nhận');
    expect(await tab.page.getByTestId('backoffice-pdf').innerText()).toContain('Chưa có bản quét');
    expect(await bo.act('Tiếp nhận xử lý')).toContain('Đang giải quyết');
    expect(await bo.status()).toBe('Đang giải quyết');
    expect(await bo.act('Yêu cầu bổ sung', { missing: ['Giấy chứng sinh'], reason: 'Giấy chứng sinh bị mờ, không đọc được.', reasonLabel: 'Lý do cần bổ sung' })).toContain('Cần bổ sung hồ sơ');
    expect(await tab.page.getByTestId('backoffice-missing').innerText()).toContain('Giấy chứng sinh');

    // Form 05: received at the counter, handed to the department, handed back for a supplement.
    const rows = await bo.controlSheet();
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('Bộ phận Một cửa tiếp nhận');
    expect(rows[1]).toContain('Phòng Tư pháp nhận');
    expect(rows[2]).toContain('yêu cầu bổ sung');
    expect(rows[2]).toContain('Giấy chứng sinh bị mờ');
    await tab.page.getByTestId('backoffice-form05').scrollIntoViewIfNeeded();
    await shot(tab.page, '3-form05');

    // The hub has it too.
    const got = await counter.socket.emitWithAck('dossier:get', { commandId: commandId(), code });
    if (!got.ok) throw new Error(got.error.message);
    expect(got.value.dossier.status).toBe('supplement-requested');
    expect(got.value.history.map((h) => h.action)).toEqual(['receive', 'accept', 'supplement']);

    await tab.page.emulateMedia({ media: 'print' });
    await shot(tab.page, '4-form05-print');
    await tab.page.emulateMedia({ media: 'screen' });
    expect(tab.problems).toEqual([]);
  });
});
