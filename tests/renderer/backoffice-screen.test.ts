import { describe, expect, test } from 'vitest';
import type { Dossier, DossierEvent } from '../../core/dossiers/dossier';
import { contextFor } from './support/contexts';
import type { BackofficeFake, FakeDossier } from './support/fake-backoffice';
import { addBackofficeFake } from './support/page-fakes';
import type { RendererPage } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

const DESKTOP = { width: 1440, height: 900 };
const OFFICERS = [
  { id: 'pham-thu-trang', name: 'Phạm Thu Trang', departmentId: 'tu-phap' },
  { id: 'vu-duc-anh', name: 'Vũ Đức Anh', departmentId: 'tu-phap' },
];

const screens = useScreenHarness();

const hoursAgo = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString();
/** Vietnamese wall time "YYYY-MM-DDTHH:MM" of an instant. */
const wall = (iso: string): string => new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 16);

function dossier(code: string, over: Partial<Dossier> & { readonly receivedAt: string; readonly dueAt: string }): FakeDossier {
  const d: Dossier = {
    code,
    procedureCode: 'HT-KS',
    procedureName: 'Đăng ký khai sinh',
    departmentId: 'tu-phap',
    serviceId: 'ho-tich',
    status: 'received',
    applicant: { fullName: 'Nguyễn Văn Bình', idNumber: '001085012345', dateOfBirth: '1985-03-14', address: '12 Hàng Bạc, Hoàn Kiếm, Hà Nội', phone: '0912 345 678' },
    documents: [
      { name: 'Tờ khai đăng ký khai sinh', copies: 1, original: true },
      { name: 'Giấy chứng sinh', copies: 1, original: true },
    ],
    fee: 0,
    feePaid: 0,
    ticketId: null,
    receivedBy: 'counter-1', receivedAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' }, collectAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' },
    dueLocal: wall(over.dueAt),
    overdue: false,
    missing: [],
    updatedAt: over.receivedAt,
    pdf: null,
    ...over,
  };
  return {
    dossier: d,
    history: [{ at: d.receivedAt, action: 'receive', fromStatus: null, toStatus: 'received', deviceId: 'counter-1', role: 'counter', actorName: 'Nguyễn Thị Lan', note: null, newDueAt: null, unit: null }],
  };
}

/** The department's morning: one new, one being processed and late, one waiting for papers. */
function morning(): FakeDossier[] {
  const late = dossier('HK-250510-0003', { status: 'processing', receivedAt: hoursAgo(72), dueAt: hoursAgo(27), procedureCode: 'HT-KH', procedureName: 'Đăng ký kết hôn', applicant: { fullName: 'Trần Thị Mai', idNumber: '001190023456', dateOfBirth: null, address: null, phone: null } });
  return [
    dossier('HK-250512-0007', { receivedAt: hoursAgo(2), dueAt: hoursAgo(-22), feePaid: 8000, fee: 8000, procedureCode: 'HT-TL', procedureName: 'Cấp bản sao trích lục hộ tịch', pdf: { pages: 3, bytes: 245_000 } }),
    { ...late, history: [...late.history, { at: hoursAgo(70), action: 'accept', fromStatus: 'received', toStatus: 'processing', deviceId: 'backoffice-tu-phap', role: 'backoffice', actorName: 'Vũ Đức Anh', note: null, newDueAt: null, unit: null }] },
    dossier('HK-250511-0002', { status: 'supplement-requested', receivedAt: hoursAgo(30), dueAt: hoursAgo(-40), missing: ['Giấy chứng sinh'], applicant: { fullName: 'Lê Hoàng Nam', idNumber: '001092034567', dateOfBirth: null, address: null, phone: null } }),
  ];
}

async function openBackoffice(signedIn: boolean, dossiers = morning()): Promise<RendererPage> {
  const context = contextFor('backoffice-tu-phap', { officers: OFFICERS, officer: signedIn ? OFFICERS[0]! : null, snapshot: null, printer: null });
  const page = await screens.open({ context, delayMs: 100, printed: { ok: true } }, DESKTOP);
  // The back-office fake is an init script of its own: add it and load the page again with both.
  await addBackofficeFake(page.page, { departmentId: 'tu-phap', dossiers, pin: '5555' });
  // A tiny PDF stands in for the hub's scan.
  await page.page.route('**/files/dossier-pdf/**', (route) => route.fulfill({ contentType: 'application/pdf', body: tinyPdf() }));
  await page.page.reload();
  return page;
}

describe('back office', () => {
  test('an officer of the department signs in with the PIN pad; a wrong PIN is refused in words', async () => {
    const bo = await openBackoffice(false);
    const { page } = bo;
    await page.getByTestId('backoffice-signin').waitFor();
    expect(await page.getByTestId('backoffice-department').innerText()).toBe('Phòng Tư pháp');
    const names = await page.getByRole('radio').allInnerTexts();
    expect(names.map((t) => t.split('\n').at(-1)?.trim())).toEqual(['Phạm Thu Trang', 'Vũ Đức Anh']);
    await page.getByRole('radio', { name: 'Vũ Đức Anh' }).click();
    for (const d of '1234') await page.getByRole('group', { name: 'Bàn phím số' }).getByRole('button', { name: d, exact: true }).click();
    await bo.screenshot('backoffice-signin');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toContain('Mã PIN không đúng.');
    await page.getByLabel('Mã PIN').fill('5555');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await expect.poll(() => page.getByTestId('backoffice-officer').innerText()).toContain('Vũ Đức Anh');
    expect(await bo.commands()).toEqual(expect.arrayContaining([{ name: 'backoffice:sign-in', input: { officerId: 'vu-duc-anh', pin: '5555', commandId: expect.any(String) } }]));
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByTestId('backoffice-signin').waitFor();
  });

  test('the inbox counts by status, flags the late dossier in red, and a new one appears live with a toast and the title count', async () => {
    const bo = await openBackoffice(true);
    const { page } = bo;
    await page.getByTestId('backoffice-row').first().waitFor();
    expect(await page.getByTestId('backoffice-count-new').innerText()).toBe('1');
    expect(await page.getByTestId('backoffice-count-processing').innerText()).toBe('1');
    expect(await page.getByTestId('backoffice-count-supplement').innerText()).toBe('1');
    expect(await page.getByTestId('backoffice-count-overdue').innerText()).toBe('1');
    await page.getByRole('tab', { name: /Quá hạn/ }).click();
    const late = page.locator('[data-testid=backoffice-row][data-code="HK-250510-0003"]');
    expect(await late.getByTestId('backoffice-overdue').innerText()).toMatch(/^Quá hạn 1 ngày 3 giờ/);
    expect(await late.getByTestId('backoffice-overdue').evaluate((e) => getComputedStyle(e).color)).toBe('rgb(179, 20, 31)');

    await page.getByRole('tab', { name: /Mới tiếp nhận/ }).click();
    const arrived = dossier('HK-250512-0011', { receivedAt: new Date().toISOString(), dueAt: hoursAgo(-48), applicant: { fullName: 'Đỗ Thị Hương', idNumber: '001195045678', dateOfBirth: null, address: null, phone: null } });
    await page.evaluate((d) => (window as unknown as { __backofficeFake: BackofficeFake }).__backofficeFake.add(d), arrived);
    const event: DossierEvent = { kind: 'received', action: 'receive', dossier: arrived.dossier };
    await bo.emit('dossier-notice', { event });
    const row = page.locator('[data-testid=backoffice-row][data-code="HK-250512-0011"]');
    await row.waitFor();
    expect(await page.getByTestId('backoffice-row').first().getAttribute('data-code')).toBe('HK-250512-0011');
    expect(await row.getAttribute('class')).toContain('bo-row-unread');
    expect(await page.getByTestId('backoffice-toasts').innerText()).toContain('Hồ sơ mới chuyển đến');
    expect(await page.title()).toMatch(/^\(1\) /);
    expect(await page.getByTestId('backoffice-count-new').innerText()).toBe('2');
    // Applied from the event: no second list request.
    expect((await bo.commands()).filter((c) => c.name === 'backoffice:list')).toHaveLength(1);
    await bo.screenshot('backoffice-inbox-arrival');

    await page.getByTestId('backoffice-toasts').getByRole('button', { name: 'Mở hồ sơ' }).click();
    await expect.poll(() => page.getByTestId('backoffice-dossier').getAttribute('data-code')).toBe('HK-250512-0011');
    expect(await page.title()).not.toMatch(/^\(/);
  });

  test('the dossier view shows the scan and moves the dossier on: accept, supplement with the missing papers, Form 05 rows', async () => {
    const bo = await openBackoffice(true);
    const { page } = bo;
    await page.locator('[data-testid=backoffice-row][data-code="HK-250512-0007"]').click();
    const view = page.getByTestId('backoffice-dossier');
    await expect.poll(() => view.getAttribute('data-status')).toBe('received');
    const pdf = page.getByTestId('backoffice-pdf');
    expect(await pdf.innerText()).toContain('3 trang');
    expect(await pdf.locator('iframe').getAttribute('src')).toMatch(/^\/files\/dossier-pdf\/HK-250512-0007\?v=/);
    expect(await pdf.getByRole('link', { name: 'Mở PDF' }).getAttribute('target')).toBe('_blank');
    const actions = page.getByTestId('backoffice-actions');
    expect(await actions.getByRole('button').allInnerTexts()).toEqual(['Tiếp nhận xử lý', 'Hẹn lại ngày trả', 'Từ chối giải quyết']);
    await bo.screenshot('backoffice-dossier-received');

    await actions.getByRole('button', { name: 'Tiếp nhận xử lý' }).click();
    await actions.getByRole('button', { name: 'Xác nhận: Tiếp nhận xử lý' }).click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('processing');
    expect(await page.getByTestId('backoffice-outcome').innerText()).toContain('Đang giải quyết');

    await actions.getByRole('button', { name: 'Yêu cầu bổ sung' }).click();
    const confirm = actions.getByRole('button', { name: 'Xác nhận: Yêu cầu bổ sung' });
    expect(await confirm.isDisabled()).toBe(true);
    await actions.getByLabel('Giấy chứng sinh').check();
    await actions.getByLabel('Lý do cần bổ sung').fill('Giấy chứng sinh bị mờ, không đọc được số.');
    await bo.screenshot('backoffice-supplement-form');
    await confirm.click();
    await expect.poll(() => view.getAttribute('data-status')).toBe('supplement-requested');
    expect(await page.getByTestId('backoffice-missing').innerText()).toContain('Giấy chứng sinh');
    const act = (await bo.commands()).filter((c) => c.name === 'backoffice:act').map((c) => c.input);
    expect(act).toEqual([
      { code: 'HK-250512-0007', action: 'accept', commandId: expect.any(String) },
      { code: 'HK-250512-0007', action: 'supplement', note: 'Giấy chứng sinh bị mờ, không đọc được số.', missing: ['Giấy chứng sinh'], commandId: expect.any(String) },
    ]);

    const rows = page.getByTestId('backoffice-form05').locator('tbody tr');
    expect(await rows.count()).toBe(3);
    expect(await rows.nth(1).innerText()).toContain('Phạm Thu Trang');
    expect(await rows.nth(2).innerText()).toContain('Giấy chứng sinh bị mờ');
    // The unit of each line (issue 13): the agency it recorded; a line written before units falls back to its role.
    expect(await rows.nth(0).getByTestId('form05-unit').innerText()).toBe('Bộ phận tiếp nhận và trả kết quả');
    expect(await rows.nth(1).getByTestId('form05-unit').innerText()).toBe('Phòng Tư pháp');
    await view.getByTestId('backoffice-form05').scrollIntoViewIfNeeded();
    await bo.screenshot('backoffice-form05');

    // Printing shows only the form, on A4.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('#root').isVisible()).toBe(false);
    const printed = page.getByTestId('backoffice-form05-print');
    expect(await printed.isVisible()).toBe(true);
    expect(await printed.innerText()).toContain('PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ');
    expect(await printed.innerText()).toContain('Nơi trả kết quả:');
    await bo.screenshot('backoffice-form05-print');
    await page.emulateMedia({ media: 'screen' });
  });

  test('a refusal without a reason cannot be sent; an answer the hub refuses is shown in words', async () => {
    const bo = await openBackoffice(true);
    const { page } = bo;
    await page.getByRole('tab', { name: /Chờ bổ sung/ }).click();
    await page.locator('[data-testid=backoffice-row][data-code="HK-250511-0002"]').click();
    const actions = page.getByTestId('backoffice-actions');
    await actions.getByRole('button', { name: 'Từ chối giải quyết' }).click();
    const confirm = actions.getByRole('button', { name: 'Xác nhận: Từ chối giải quyết' });
    expect(await confirm.isDisabled()).toBe(true);
    await actions.getByLabel('Lý do').fill('Không thuộc thẩm quyền.');
    await page.evaluate(() => (window as unknown as { __fake: { failNext(n: string, e: unknown): void } }).__fake.failNext('backoffice:act', { kind: 'forbidden', message: 'Hồ sơ thuộc phòng khác.' }));
    await confirm.click();
    await expect.poll(() => page.getByTestId('backoffice-outcome').innerText()).toContain('Hồ sơ thuộc phòng khác.');
    expect(await page.getByTestId('backoffice-dossier').getAttribute('data-status')).toBe('supplement-requested');
  });

  test('without a scan the view says so', async () => {
    const bo = await openBackoffice(true);
    const { page } = bo;
    await page.getByRole('tab', { name: /Đang xử lý/ }).click();
    await page.locator('[data-testid=backoffice-row][data-code="HK-250510-0003"]').click();
    await expect.poll(() => page.getByTestId('backoffice-pdf').innerText()).toContain('Chưa có bản quét');
    expect(await page.getByTestId('backoffice-dossier').innerText()).toMatch(/Quá hạn 1 ngày 3 giờ/);
    await bo.screenshot('backoffice-dossier-overdue');
  });
});

/** A one-page PDF, small enough to write by hand. */
function tinyPdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    '<< /Length 44 >>\nstream\nBT /F1 28 Tf 72 760 Td (Ban quet) Tj ET\nendstream',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
