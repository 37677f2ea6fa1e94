import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { kioskLookupStrings } from '../../renderer/i18n/kiosk-lookup-strings';
import { commandId, connectCounter } from '../support/centre';
import { fontsReady, openPage } from '../support/browser';
import { KioskLookupPage } from './pages/kiosk-lookup-page';
import { KioskPage } from './pages/kiosk-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/** Monday 23/11/2026, 09:05 in Hà Nội, moving on with real time. */
const START = Date.parse('2026-11-23T09:05:00+07:00');

describe('a citizen checks a dossier at the kiosk with the code on the receipt', () => {
  const e = useE2eCentre('motcua-e2e-lookup-', { startAt: START });

  it('received at counter 2, found at the kiosk by the code typed on the keypad; an unknown code is explained', async () => {
    // Counter 2's clerk (signed in) receives a land dossier at the hub.
    const counter = await connectCounter(e.centre.hub.url, 'counter-2');
    const received = await counter.socket.emitWithAck('dossier:receive', {
      commandId: commandId(),
      procedureCode: 'DD-CD',
      applicant: { fullName: 'Trần Thị Bích Ngọc', idNumber: '001190012345', phone: '0987 654 321' },
      documents: [{ name: 'Đơn đề nghị cấp đổi Giấy chứng nhận', copies: 1 }],
      feePaid: 0,
    });
    counter.socket.close();
    if (!received.ok) throw new Error(received.error.message);
    const { dossier } = received.value;
    expect(dossier.code).toMatch(/^HK-261123-\d{4}$/);

    const tab = await openPage(e.browser, { width: 1080, height: 1920 }, true);
    const kiosk = new KioskPage(tab.page);
    const lookup = new KioskLookupPage(tab.page);
    await kiosk.open(e.centre.agents.kiosk.launchUrl());
    await kiosk.waitUntilConnected();
    await fontsReady(tab.page);
    await tab.page.screenshot({ path: path.join(ARTEFACTS, 'kiosk-lookup-1-home.png'), animations: 'disabled' });

    // Typed without the dashes, as most people do.
    await lookup.lookUpByKeypad(dossier.code.replace(/-/g, ''));
    const answer = await lookup.answer();
    expect(answer.status).toBe('Đã tiếp nhận');
    expect(answer.procedure).toBe('Cấp đổi Giấy chứng nhận quyền sử dụng đất');
    expect(answer.due).toBe(kioskLookupStrings.vi.dueAt(dossier.dueLocal));
    expect(answer.due).toMatch(/^\d{2}:\d{2}, Thứ \S+ \d{2}\/\d{2}\/2026$/);
    // 7 working days from Monday 23/11 (not counted): Tue–Fri, then Mon 30/11, Tue 1/12, Wed 2/12 — to its closing hour.
    expect(dossier.dueLocal).toBe('2026-12-02T17:00');
    expect(answer.due).toBe('17:00, Thứ Tư 02/12/2026');
    expect(answer.text).toContain('T.T.B.N.');
    expect(answer.text).not.toContain('Bích Ngọc');
    expect(answer.text).not.toContain('0987');
    await fontsReady(tab.page);
    await tab.page.screenshot({ path: path.join(ARTEFACTS, 'kiosk-lookup-2-found.png'), animations: 'disabled' });

    // Another code, never issued: said in words, with the code as the hub read it.
    await tab.page.getByRole('button', { name: 'Về màn hình chính' }).tap();
    await lookup.lookUpByKeypad('HK-261123-9999');
    const refusal = await lookup.refusal();
    expect(refusal).toContain('Không tìm thấy hồ sơ');
    expect(refusal).toContain('HK-261123-9999');
    await fontsReady(tab.page);
    await tab.page.screenshot({ path: path.join(ARTEFACTS, 'kiosk-lookup-3-unknown.png'), animations: 'disabled' });
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
