import { describe, expect, test } from 'vitest';
import type { Dossier } from '../../core/dossiers/dossier';
import type { TerminalContext } from '../../core/protocol/bridge';
import { contextFor } from './support/contexts';
import type { FakeBridgeSetup } from './support/fake-bridge';
import type { RendererPage } from './support/screens';
import { KIOSK_LANDSCAPE, KIOSK_PORTRAIT } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

/** "Tra cứu hồ sơ" at the kiosk over the scripted bridge: typing, scanning, and what a citizen sees. */

const screens = useScreenHarness();

const dossier = (over: Partial<Dossier>): Dossier => ({
  code: 'HK-261120-0007',
  procedureCode: 'HT-KS',
  procedureName: 'Đăng ký khai sinh',
  departmentId: 'tu-phap',
  serviceId: 'ho-tich',
  status: 'supplement-requested',
  applicant: { fullName: 'Nguyễn Văn An', idNumber: '001088012345', dateOfBirth: null, address: 'Số 5 phố Hàng Bông', phone: '0912345678' },
  documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1, original: true }],
  fee: 0,
  feePaid: 0,
  ticketId: null,
  receivedAt: '2026-11-20T02:05:00.000Z',
  receivedBy: 'counter-1', receivedAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' }, collectAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' },
  dueAt: '2026-11-24T10:00:00.000Z',
  dueLocal: '2026-11-24T17:00',
  overdue: false,
  missing: ['Bản sao giấy xác nhận thông tin cư trú', 'Giấy chứng sinh (bản chính)'],
  updatedAt: '2026-11-21T02:05:00.000Z',
  pdf: null,
  ...over,
});

const DOSSIERS = [
  dossier({}),
  dossier({ code: 'HK-261118-0002', procedureName: 'Cấp giấy phép xây dựng nhà ở riêng lẻ', status: 'processing', dueLocal: '2026-11-20T17:00', overdue: true, missing: [] }),
].map((d) => ({ dossier: d, history: [] }));

async function open(viewport: { width: number; height: number }, context: TerminalContext = contextFor('kiosk-1')): Promise<RendererPage> {
  const setup: FakeBridgeSetup = { context, delayMs: 150, printed: { ok: true }, dossiers: DOSSIERS };
  const page = await screens.open(setup, viewport, true);
  await page.page.getByTestId('kiosk-lookup-open').waitFor();
  return page;
}

async function typeOnKeypad(page: RendererPage, code: string): Promise<void> {
  const pad = page.page.getByTestId('kiosk-lookup');
  for (const ch of code) await pad.getByRole('button', { name: ch, exact: true }).tap();
}

describe('kiosk dossier lookup', () => {
  test('typed on the keypad without the dashes: status in large type, due date, what to bring, initials only', async () => {
    const kiosk = await open(KIOSK_PORTRAIT);
    const { page } = kiosk;
    await kiosk.screenshot('kiosk-lookup-home');
    await page.getByTestId('kiosk-lookup-open').tap();
    await page.getByRole('heading', { name: 'Tra cứu tình trạng hồ sơ' }).waitFor();
    await typeOnKeypad(kiosk, 'HK2611200007');
    expect(await page.getByTestId('lookup-code').inputValue()).toBe('HK2611200007');
    await kiosk.screenshot('kiosk-lookup-typing');
    await page.getByTestId('lookup-submit').tap();

    const result = page.getByTestId('lookup-result');
    await result.waitFor();
    expect(await page.getByTestId('lookup-status').innerText()).toBe('Cần bổ sung hồ sơ');
    expect(await page.getByTestId('lookup-result-code').innerText()).toBe('HK-261120-0007');
    expect(await page.getByTestId('lookup-procedure').innerText()).toBe('Đăng ký khai sinh');
    expect(await page.getByTestId('lookup-due').innerText()).toBe('17:00, Thứ Ba 24/11/2026');
    // Where to collect the result (issue 13).
    expect(await page.getByTestId('lookup-collect').innerText()).toBe('Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm');
    expect(await page.getByTestId('lookup-missing').innerText()).toContain('Bản sao giấy xác nhận thông tin cư trú');
    const text = await result.innerText();
    expect(text).toContain('N.V.A.');
    expect(text).not.toContain('Nguyễn Văn An');
    expect(text).not.toContain('0912345678');
    // The status is the largest thing on the screen after the code.
    const statusSize = await page.getByTestId('lookup-status').evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(statusSize).toBeGreaterThanOrEqual(48);
    await kiosk.screenshot('kiosk-lookup-supplement');
    expect(await kiosk.commands()).toEqual([{ name: 'kiosk:lookup-dossier', input: { code: 'HK-261120-0007' } }]);

    // "Về màn hình chính" goes home.
    await page.getByTestId('lookup-home').tap();
    await page.getByRole('heading', { name: 'Chọn dịch vụ để lấy số thứ tự' }).waitFor();
  });

  test('an overdue dossier says so; an unknown code and a wrong one are explained', async () => {
    const kiosk = await open(KIOSK_LANDSCAPE);
    const { page } = kiosk;
    await page.getByTestId('kiosk-lookup-open').tap();
    await typeOnKeypad(kiosk, 'HK-261118-0002');
    await page.getByTestId('lookup-submit').tap();
    await page.getByTestId('lookup-result').waitFor();
    expect(await page.getByTestId('lookup-status').innerText()).toBe('Đang giải quyết');
    expect(await page.getByTestId('lookup-overdue').innerText()).toContain('Đã quá hạn');
    expect(await page.getByTestId('lookup-missing').count()).toBe(0);
    await kiosk.screenshot('kiosk-lookup-overdue');

    await page.getByRole('button', { name: 'Tra cứu hồ sơ khác' }).tap();
    await typeOnKeypad(kiosk, 'HK2611209999');
    await page.getByTestId('lookup-submit').tap();
    const refused = page.getByTestId('lookup-refused');
    await refused.waitFor();
    expect(await refused.innerText()).toContain('Không tìm thấy hồ sơ');
    expect(await refused.innerText()).toContain('HK-261120-9999');
    await kiosk.screenshot('kiosk-lookup-unknown');

    // Typing again clears the message; a code of the wrong shape is refused in words.
    expect(await page.getByTestId('lookup-code').inputValue()).toBe('HK-261120-9999');
    for (let i = 0; i < 'HK-261120-9999'.length; i++) await page.getByRole('button', { name: '⌫ Xoá' }).tap();
    await typeOnKeypad(kiosk, 'ABC12');
    expect(await refused.count()).toBe(0);
    await page.getByTestId('lookup-submit').tap();
    await refused.waitFor();
    expect(await refused.innerText()).toContain('không phải mã hồ sơ');
  });

  test('the receipt’s QR on the serial scanner opens the lookup from the home screen', async () => {
    const kiosk = await open(KIOSK_PORTRAIT);
    const { page } = kiosk;
    await kiosk.emit('scan', { code: 'MOTCUA:HS:HK-261120-0007\r\n' });
    await page.getByTestId('lookup-result').waitFor();
    expect(await page.getByTestId('lookup-status').innerText()).toBe('Cần bổ sung hồ sơ');
    // A second receipt scanned while the answer is on screen is looked up in turn.
    await kiosk.emit('scan', { code: 'HK-261118-0002' });
    await expect.poll(() => page.getByTestId('lookup-status').innerText()).toBe('Đang giải quyết');
    // A booking code still opens the appointment check-in.
    await page.getByTestId('lookup-home').tap();
    await kiosk.emit('scan', { code: 'ABCDEF' });
    await page.getByTestId('kiosk-check-in').waitFor();
  });
});
