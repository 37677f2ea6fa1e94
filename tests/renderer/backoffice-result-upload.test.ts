import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { Dossier } from '../../core/dossiers/dossier';
import { MAX_RESULT_BYTES, type DossierResult } from '../../core/dossiers/result-files';
import { contextFor } from './support/contexts';
import type { FakeDossier } from './support/fake-backoffice';
import { addBackofficeFake } from './support/page-fakes';
import type { RendererPage } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

/** "Đính kèm kết quả (PDF)" on the back office (renderer/backoffice/ResultUpload.tsx), at the counter size 1366×768. */
const SCREEN = { width: 1366, height: 768 };
const OFFICERS = [{ id: 'pham-thu-trang', name: 'Phạm Thu Trang', departmentId: 'tu-phap' }];
const screens = useScreenHarness();
const hoursAgo = (h: number): string => new Date(Date.now() - h * 3_600_000).toISOString();

function dossier(code: string, status: Dossier['status'], results: readonly DossierResult[] = []): FakeDossier {
  const receivedAt = hoursAgo(5);
  const d: Dossier = {
    code,
    procedureCode: 'HT-KS',
    procedureName: 'Đăng ký khai sinh',
    departmentId: 'tu-phap',
    serviceId: 'ho-tich',
    status,
    applicant: { fullName: 'Nguyễn Văn Bình', idNumber: '001085012345', dateOfBirth: null, address: null, phone: null },
    documents: [{ name: 'Tờ khai đăng ký khai sinh', copies: 1, original: true }],
    fee: 0,
    feePaid: 0,
    ticketId: null,
    receivedBy: 'counter-1', receivedAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' }, collectAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' },
    receivedAt,
    dueAt: hoursAgo(-24),
    dueLocal: new Date(Date.now() + 31 * 3_600_000).toISOString().slice(0, 16),
    overdue: false,
    missing: [],
    updatedAt: receivedAt,
    pdf: null,
  };
  return { dossier: d, history: [{ at: receivedAt, action: 'receive', fromStatus: null, toStatus: 'received', deviceId: 'counter-1', role: 'counter', actorName: 'Nguyễn Thị Lan', note: null, newDueAt: null, unit: null }], results };
}

const twenty: DossierResult[] = Array.from({ length: 20 }, (_, i) => ({ id: i + 1, name: `Tệp ${i + 1}.pdf`, pages: 1, bytes: 2048, sha256: 'b'.repeat(64), attachedAt: hoursAgo(1), attachedBy: 'Phạm Thu Trang' }));

async function open(): Promise<RendererPage> {
  const context = contextFor('backoffice-tu-phap', { officers: OFFICERS, officer: OFFICERS[0]!, snapshot: null, printer: null });
  const page = await screens.open({ context, delayMs: 50, printed: { ok: true } }, SCREEN);
  await addBackofficeFake(page.page, {
    departmentId: 'tu-phap',
    dossiers: [dossier('HK-250512-0001', 'processing'), dossier('HK-250512-0002', 'received'), dossier('HK-250512-0003', 'done', twenty)],
    pin: '5555',
  });
  await page.page.reload();
  return page;
}

const pdf = (size: number, name: string) => {
  const buffer = Buffer.alloc(size, 0x20);
  buffer.write('%PDF-1.7\n', 'latin1');
  return { name, mimeType: 'application/pdf', buffer };
};

describe('back office: attaching a result file', () => {
  test('a PDF goes through the bridge and is listed; over 50 MB or not a PDF is refused on screen and nothing is sent; the hub’s refusal is shown in words', async () => {
    const bo = await open();
    const { page } = bo;
    await page.getByRole('tab', { name: /Đang xử lý/ }).click();
    await page.locator('[data-testid=backoffice-row][data-code="HK-250512-0001"]').click();
    const upload = page.getByTestId('result-upload');
    await upload.waitFor();
    expect(await upload.innerText()).toContain('Đính kèm kết quả (PDF)');
    const input = upload.getByTestId('result-upload-input');
    expect(await input.getAttribute('accept')).toBe('application/pdf,.pdf');
    const outcome = upload.getByTestId('result-upload-outcome');
    const attachCalls = async () => (await bo.commands()).filter((c) => c.name === 'backoffice:attach-result');

    // Over Playwright's 50 MB in-memory limit: a real file on disk, as an officer's would be.
    const big = path.join(mkdtempSync(path.join(tmpdir(), 'motcua-upload-')), 'Quyết định (bản quét).pdf');
    writeFileSync(big, pdf(MAX_RESULT_BYTES + 1, '').buffer);
    await input.setInputFiles(big);
    await expect.poll(() => outcome.innerText()).toBe('Tệp “Quyết định (bản quét).pdf” nặng 50 MB, vượt giới hạn 50 MB của một tệp kết quả.');
    expect(await outcome.getAttribute('role')).toBe('alert');
    await input.setInputFiles({ name: 'giay-khai-sinh.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: Buffer.from('PK\u0003\u0004 not a pdf') });
    await expect.poll(() => outcome.innerText()).toBe('Tệp “giay-khai-sinh.docx” không phải PDF. Chỉ đính kèm được tệp PDF.');
    await bo.screenshot('backoffice-result-upload-not-pdf');
    expect(await attachCalls()).toEqual([]);

    // While the terminal sends it: a progress bar and the file's name and size.
    await page.evaluate(() => (window as unknown as { __fake: { hold(n: string): void } }).__fake.hold('backoffice:attach-result'));
    await input.setInputFiles(pdf(120_000, 'Giấy khai sinh (bản chính).pdf'));
    await expect.poll(() => upload.locator('[data-state=sending]').innerText()).toBe('Đang gửi “Giấy khai sinh (bản chính).pdf” (117 KB) lên máy chủ…');
    expect(await upload.locator('progress').count()).toBe(1);
    expect(await upload.locator('label.bo-upload-button').getAttribute('aria-disabled')).toBe('true');
    await bo.screenshot('backoffice-result-upload-sending');
    await page.evaluate(() => (window as unknown as { __fake: { release(n: string): void } }).__fake.release('backoffice:attach-result'));
    await expect.poll(() => outcome.innerText()).toBe('Đã đính kèm “Giấy khai sinh (bản chính).pdf”.');
    await page.getByTestId('result-files').getByText('Giấy khai sinh (bản chính).pdf', { exact: true }).waitFor();
    const sent = await attachCalls();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.input).toMatchObject({ code: 'HK-250512-0001', name: 'Giấy khai sinh (bản chính).pdf' });
    await bo.screenshot('backoffice-result-upload-done');

    await page.evaluate(() =>
      (window as unknown as { __fake: { failNext(n: string, e: unknown): void } }).__fake.failNext('backoffice:attach-result', {
        kind: 'conflict',
        message: 'Chỉ đính kèm được tệp kết quả khi hồ sơ đang giải quyết hoặc đã có kết quả (chưa trả).',
      }),
    );
    await input.setInputFiles(pdf(4096, 'Quyết định.pdf'));
    await expect.poll(() => outcome.innerText()).toContain('Chưa đính kèm được “Quyết định.pdf”:');
    expect(await outcome.innerText()).toContain('hồ sơ đang giải quyết hoặc đã có kết quả');
    await bo.screenshot('backoffice-result-upload-refused');
    expect(bo.problems()).toEqual([]);
  }, 120_000);

  test('no upload before the department accepts the dossier; with 20 files already the button is off and says why', async () => {
    const bo = await open();
    const { page } = bo;
    await page.locator('[data-testid=backoffice-row][data-code="HK-250512-0002"]').click();
    await expect.poll(() => page.getByTestId('backoffice-dossier').getAttribute('data-status')).toBe('received');
    expect(await page.getByTestId('result-upload').count()).toBe(0);

    await page.getByRole('tab', { name: /Đã xong/ }).click();
    await page.locator('[data-testid=backoffice-row][data-code="HK-250512-0003"]').click();
    const upload = page.getByTestId('result-upload');
    await upload.waitFor();
    expect(await upload.getByTestId('result-upload-input').isDisabled()).toBe(true);
    expect(await upload.innerText()).toContain('Hồ sơ đã có 20 tệp kết quả, không đính kèm thêm được.');
  }, 60_000);
});
