import { describe, expect, test } from 'vitest';
import type { Dossier, DossierEvent, DossierHistoryEntry } from '../../core/dossiers/dossier';
import type { BridgeOutput, TerminalContext } from '../../core/protocol/bridge';
import { contextFor, DAY, snapshot, ticket } from './support/contexts';
import type { FakeBridgeSetup } from './support/fake-bridge';
import type { RendererPage } from './support/screens';
import { COUNTER_DESKTOP } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

/** The counter's dossier desks over the scripted bridge: receiving (catalogue, checklist, CCCD, scanner) and returning. */
const screens = useScreenHarness();

async function open(context: TerminalContext, over: Partial<FakeBridgeSetup> = {}): Promise<RendererPage> {
  const page = await screens.open({ context, delayMs: 120, printed: { ok: true }, ...over }, COUNTER_DESKTOP, true);
  return page;
}

/** A CCCD of a man born 05/03/1990 whose birth was registered in Hà Nội (001, 0 = male 1900s, 90). */
const CCCD_AN = '001090012345|123456789|Nguyễn Văn An|05031990|Nam|Số 1 phố Hàng Bạc, phường Hàng Bạc, Hoàn Kiếm, Hà Nội|10052021';
const CCCD_BINH = '001185004321||Trần Thị Bình|20111985|Nữ|Số 5 phố Hàng Đào, Hoàn Kiếm, Hà Nội|01022022';

/** Types `text` the way a keyboard-wedge scanner does: one keydown per character, no pause, then Enter. */
async function wedge(page: RendererPage['page'], text: string): Promise<void> {
  await page.evaluate((chars) => {
    const target = document.activeElement ?? document.body;
    // A scanner's keys come 5 ms apart: the page's clock says so while they are dispatched, so a
    // loaded machine that pauses this loop cannot make a scan look typed by hand.
    const realNow = performance.now.bind(performance);
    let at = realNow();
    performance.now = () => at;
    try {
      for (const key of [...chars, 'Enter']) {
        at += 5;
        target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      }
    } finally {
      performance.now = realNow;
    }
  }, text);
}

async function serialScan(counter: RendererPage, code: string): Promise<void> {
  await counter.emit('scan', { code });
}

const history = (action: DossierHistoryEntry['action'], from: Dossier['status'] | null, to: Dossier['status'], time: string, actorName: string, note: string | null = null): DossierHistoryEntry => ({
  at: `${DAY}T${time}:00+07:00`,
  action,
  fromStatus: from,
  toStatus: to,
  deviceId: action === 'receive' || action === 'return' ? 'counter-1' : 'backoffice-1',
  role: action === 'receive' || action === 'return' ? 'counter' : 'backoffice',
  actorName,
  note,
  newDueAt: null,
  unit: null,
});

function dossier(code: string, status: Dossier['status'], over: Partial<Dossier> = {}): Dossier {
  return {
    code,
    procedureCode: 'HT-TL',
    procedureName: 'Cấp bản sao trích lục hộ tịch',
    departmentId: 'tu-phap',
    serviceId: 'ho-tich',
    status,
    applicant: { fullName: 'Phạm Thị Hoa', idNumber: '001185004321', dateOfBirth: '1985-11-20', address: 'Hoàn Kiếm, Hà Nội', phone: '0912345678' },
    documents: [{ name: 'Tờ khai cấp bản sao trích lục', copies: 1, original: true }],
    fee: 8000,
    feePaid: 8000,
    ticketId: null,
    receivedAt: '2025-05-09T02:00:00.000Z',
    receivedBy: 'Nguyễn Thị Lan', receivedAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' }, collectAtCentre: { id: 'local', name: 'Trung tâm Phục vụ Hành chính công quận Hoàn Kiếm' },
    dueAt: '2025-05-12T09:30:00.000Z',
    dueLocal: '2025-05-12T16:30',
    overdue: false,
    missing: [],
    updatedAt: `${DAY}T08:00:00+07:00`,
    pdf: null,
    ...over,
  };
}

const DONE: BridgeOutput<'counter:dossier'> = {
  dossier: dossier('HK-250509-0001', 'done'),
  history: [history('receive', null, 'received', '08:00', 'Nguyễn Thị Lan'), history('accept', 'received', 'processing', '09:00', 'Đỗ Văn Hùng'), history('done', 'processing', 'done', '10:15', 'Đỗ Văn Hùng')],
};
const SUPPLEMENT: BridgeOutput<'counter:dossier'> = {
  dossier: dossier('HK-250509-0002', 'supplement-requested', { missing: ['Bản sao Giấy khai sinh (có chứng thực)'], dueLocal: '2025-05-15T16:30' }),
  history: [
    history('receive', null, 'received', '08:05', 'Nguyễn Thị Lan'),
    history('accept', 'received', 'processing', '09:00', 'Đỗ Văn Hùng'),
    history('supplement', 'processing', 'supplement-requested', '09:40', 'Đỗ Văn Hùng', 'Thiếu bản sao Giấy khai sinh'),
    history('delay', 'supplement-requested', 'supplement-requested', '09:45', 'Đỗ Văn Hùng', 'Chờ bổ sung'),
  ],
};
const REFUSED: BridgeOutput<'counter:dossier'> = {
  dossier: dossier('HK-250509-0003', 'refused'),
  history: [history('receive', null, 'received', '08:10', 'Nguyễn Thị Lan'), history('refuse', 'received', 'refused', '11:00', 'Đỗ Văn Hùng', 'Không thuộc thẩm quyền')],
};

const event = (found: BridgeOutput<'counter:dossier'>, action: DossierEvent['action']): DossierEvent => ({ kind: 'changed', action, dossier: found.dossier });

describe('counter: receiving a dossier', () => {
  test('search without diacritics, tick the checklist, fill from the CCCD (serial and wedge), scan, receive', async () => {
    const context = contextFor('counter-1', { scanner: { state: 'idle', progress: null, message: null, pages: [] }, outbox: { pending: 0, codesLeft: 40 } });
    const counter = await open(context);
    const { page } = counter;
    await page.getByRole('tab', { name: 'Tiếp nhận hồ sơ' }).click();

    // Clerks type without diacritics: "dang ky khai sinh" finds "Đăng ký khai sinh" first.
    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    const results = page.locator('.cd-hit');
    await expect.poll(() => results.first().innerText()).toContain('Đăng ký khai sinh');
    await page.getByLabel('Tìm thủ tục').fill('chung thuc ban sao');
    await expect.poll(() => results.first().innerText()).toContain('Chứng thực bản sao từ bản chính');
    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    await counter.screenshot('counter-dossier-search');
    await results.first().click();

    const facts = page.getByTestId('dossier-procedure');
    expect(await facts.innerText()).toContain('Trả trong ngày');
    expect(await facts.innerText()).toContain('Miễn phí');
    const checklist = page.getByTestId('dossier-checklist');
    expect(await checklist.innerText()).toContain('Đã nhận 0/3');
    expect(await checklist.locator('.cd-tag-original').count()).toBe(2);
    await checklist.getByRole('checkbox', { name: 'Tờ khai đăng ký khai sinh' }).check();
    await checklist.getByRole('checkbox', { name: 'Giấy chứng sinh' }).check();
    await checklist.getByLabel('Số bản: Giấy chứng sinh').fill('2');
    expect(await checklist.innerText()).toContain('Đã nhận 2/3');

    // A malformed card through the keyboard wedge: the parser's own words, nothing filled.
    await wedge(page, '001090012345|123456789|Nguyễn Văn An|05031990|Nam|Hà Nội');
    const cardError = page.getByTestId('dossier-cccd-error');
    await expect.poll(() => cardError.innerText()).toContain('Mã QR trên thẻ CCCD có 7 trường ngăn cách bởi dấu "|", mã này có 6');
    await wedge(page, '001190012345||Nguyễn Văn An|05031990|Nam|Hà Nội|10052021');
    await expect.poll(() => cardError.innerText()).toContain('chữ số thứ 4 là 1');
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('');
    await counter.screenshot('counter-dossier-cccd-error');

    // The serial scanner reads a good card: the form fills.
    await serialScan(counter, CCCD_AN);
    await expect.poll(() => page.getByLabel('Họ và tên').inputValue()).toBe('Nguyễn Văn An');
    expect(await page.getByLabel('Số CCCD').inputValue()).toBe('001090012345');
    expect(await page.getByLabel('Ngày sinh').inputValue()).toBe('05/03/1990');
    expect(await page.getByLabel('Địa chỉ').inputValue()).toContain('Hàng Bạc');

    // A wedge burst while a field has focus: the field keeps what it had, the card fills the form.
    await page.getByLabel('Điện thoại').fill('0912 345 678');
    await page.getByLabel('Điện thoại').focus();
    await wedge(page, CCCD_BINH);
    await expect.poll(() => page.getByLabel('Họ và tên').inputValue()).toBe('Trần Thị Bình');
    expect(await page.getByLabel('Điện thoại').inputValue()).toBe('0912 345 678');
    // Slow typing ending in Enter is a person, not a scanner.
    await page.getByLabel('Điện thoại').fill('');
    await page.getByLabel('Điện thoại').pressSequentially('0912345678', { delay: 70 });
    await page.keyboard.press('Enter');
    expect(await page.getByLabel('Điện thoại').inputValue()).toBe('0912345678');
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('Trần Thị Bình');

    // Two pages from the feeder, then reorder and delete.
    await page.getByRole('button', { name: 'Quét 2 trang' }).click();
    await expect.poll(() => page.getByTestId('dossier-scan-progress').isVisible()).toBe(true);
    await expect.poll(() => page.locator('.cd-page').count()).toBe(2);
    await page.getByRole('button', { name: 'Quét trang', exact: true }).click();
    await expect.poll(() => page.locator('.cd-page').count()).toBe(3);
    await page.getByRole('button', { name: 'Chuyển sang phải: Trang 1' }).click();
    await expect.poll(() => page.locator('.cd-page').first().getAttribute('data-page-id')).toBe('page-2');
    await page.getByRole('button', { name: 'Xoá: Trang 3' }).click();
    await expect.poll(() => page.locator('.cd-page').count()).toBe(2);
    expect(await page.getByLabel('Phí, lệ phí đã thu (đồng)').inputValue()).toBe('0');
    await counter.screenshot('counter-dossier-receive-filled');

    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await expect.poll(() => page.getByTestId('dossier-code').innerText()).toBe('HK-250512-0001');
    expect(await page.getByTestId('dossier-due').innerText()).toBe('16 giờ 30, thứ Tư, 14/05/2025');
    expect(await page.getByTestId('dossier-received').innerText()).toContain('Đã in Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01).');
    await counter.screenshot('counter-dossier-received');
    const receive = (await counter.commands()).find((c) => c.name === 'counter:receive-dossier');
    expect(receive?.input).toEqual({
      procedureCode: 'HT-KS',
      applicant: { fullName: 'Trần Thị Bình', idNumber: '001185004321', dateOfBirth: '1985-11-20', address: 'Số 5 phố Hàng Đào, Hoàn Kiếm, Hà Nội', phone: '0912345678' },
      documents: [
        { name: 'Tờ khai đăng ký khai sinh', copies: 1 },
        { name: 'Giấy chứng sinh', copies: 2 },
      ],
      feePaid: 0,
    });

    // The next dossier starts from scratch.
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ mới' }).click();
    await page.getByLabel('Tìm thủ tục').waitFor();
    expect(await page.getByLabel('Họ và tên').inputValue()).toBe('');
  });

  test('typed applicant checked like the hub checks it; a failed print offers "In lại"; undelivered and outbox shown', async () => {
    const serving = ticket(13, 'chung-thuc', 5003, 'serving', 'quay-1', '08:41');
    const context = contextFor('counter-1', { snapshot: snapshot({ counters: { 'quay-1': serving, 'quay-2': null, 'quay-3': null } }), outbox: { pending: 2, codesLeft: 4 } });
    const counter = await open(context, { printed: { ok: false, error: { kind: 'paper-out', message: 'Máy in hết giấy.' } }, delivered: false });
    const { page } = counter;
    await page.getByRole('tab', { name: 'Tiếp nhận hồ sơ' }).click();
    expect(await page.getByTestId('dossier-outbox').innerText()).toBe('2 hồ sơ chờ gửi lên máy chủ · còn 4 mã hồ sơ dự phòng');
    await page.getByLabel('Tìm thủ tục').fill('chung thuc chu ky');
    await page.locator('.cd-hit').first().click();
    expect(await page.getByLabel('Phí, lệ phí đã thu (đồng)').inputValue()).toBe('10.000');
    expect(await page.getByTestId('dossier-procedure').innerText()).toContain('2 giờ làm việc');

    await page.getByLabel('Họ và tên').fill('A');
    await page.getByLabel('Số CCCD').fill('12345');
    await page.getByLabel('Ngày sinh').fill('31-2');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    const applicant = page.getByTestId('dossier-applicant');
    await expect.poll(() => applicant.innerText()).toContain('họ tên người nộp (ít nhất 2 ký tự)');
    expect(await applicant.innerText()).toContain('số CCCD gồm đúng 12 chữ số');
    expect(await applicant.innerText()).toContain('ngày sinh dạng dd/mm/yyyy');
    expect((await counter.commands()).some((c) => c.name === 'counter:receive-dossier')).toBe(false);
    await counter.screenshot('counter-dossier-invalid');

    await page.getByLabel('Họ và tên').fill('Lê Văn Cường');
    await page.getByLabel('Số CCCD').fill('001092001122');
    await page.getByLabel('Ngày sinh').fill('');
    await page.getByLabel('Phí, lệ phí đã thu (đồng)').fill('10000');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await page.getByTestId('dossier-received').waitFor();
    expect(await page.getByTestId('dossier-undelivered').innerText()).toBe('Chưa gửi được lên máy chủ — sẽ tự gửi');
    expect(await page.getByTestId('dossier-received').innerText()).toContain('Chưa in được Giấy tiếp nhận (Mẫu 01)');
    await counter.screenshot('counter-dossier-print-failed');
    const receive = (await counter.commands()).find((c) => c.name === 'counter:receive-dossier');
    expect(receive?.input).toMatchObject({ procedureCode: 'CT-CK', feePaid: 10000, ticketId: 13, documents: [] });
    await page.getByRole('button', { name: 'In lại' }).click();
    await expect.poll(async () => (await counter.commands()).filter((c) => c.name === 'counter:print-form').map((c) => c.input)).toEqual([{ code: 'HK-250512-0001', form: '01' }]);
  });
});

describe('counter: returning results', () => {
  test('a notice opens the dossier; "Trả kết quả" finishes the ticket and the citizen rates; forms by status', async () => {
    const serving = ticket(13, 'ho-tich', 1003, 'serving', 'quay-1', '08:41');
    const context = contextFor('counter-1', {
      snapshot: snapshot({ counters: { 'quay-1': serving, 'quay-2': null, 'quay-3': null } }),
      dossierFeed: [event(DONE, 'done'), event(SUPPLEMENT, 'supplement'), event(REFUSED, 'refuse'), { kind: 'received', action: 'receive', dossier: dossier('HK-250512-0009', 'received') }],
    });
    const counter = await open(context, { dossiers: [DONE, SUPPLEMENT, REFUSED] });
    const { page } = counter;
    const feed = page.getByTestId('dossier-feed');
    await feed.getByRole('button').first().waitFor();
    expect(await feed.getByRole('button').count()).toBe(3);
    expect(await feed.innerText()).toContain('Đã có kết quả, chờ trả');
    await counter.screenshot('counter-dossier-feed');

    await feed.getByRole('button', { name: 'Mở hồ sơ HK-250509-0001' }).click();
    const found = page.getByTestId('dossier-found');
    await expect.poll(() => page.getByTestId('dossier-status').innerText()).toBe('Đã có kết quả, chờ trả');
    expect(await found.innerText()).toContain('Phạm Thị Hoa');
    expect(await found.innerText()).toContain('16 giờ 30, thứ Hai, 12/05/2025');
    expect(await found.innerText()).toContain('hoàn thành → Đã có kết quả, chờ trả');
    expect(await page.getByRole('button', { name: 'In phiếu yêu cầu bổ sung (Mẫu 02)' }).count()).toBe(0);
    await counter.screenshot('counter-dossier-return');

    await page.getByRole('button', { name: 'Trả kết quả', exact: true }).click();
    const rating = page.getByTestId('counter-rating');
    await rating.waitFor();
    await rating.getByRole('radio', { name: 'Hài lòng', exact: true }).click();
    await rating.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await rating.getByText('Cảm ơn ông/bà đã đánh giá!').waitFor();
    const names = (await counter.commands()).map((c) => c.name);
    expect(names.slice(names.indexOf('counter:return-dossier'))).toEqual(['counter:return-dossier', 'counter:complete', 'counter:rate']);
    await rating.waitFor({ state: 'detached' });
    expect(await page.getByTestId('dossier-status').innerText()).toBe('Đã trả kết quả');

    // The receipt's QR through the serial scanner: a dossier waiting for papers, delayed once.
    await serialScan(counter, 'MOTCUA:HS:HK-250509-0002\r\n');
    await expect.poll(() => page.getByTestId('dossier-status').innerText()).toBe('Cần bổ sung hồ sơ');
    expect(await found.innerText()).toContain('Bản sao Giấy khai sinh (có chứng thực)');
    expect(await page.getByRole('button', { name: 'Trả kết quả', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'In phiếu yêu cầu bổ sung (Mẫu 02)' }).click();
    await page.getByText('Đã in Mẫu 02.').waitFor();
    await page.getByRole('button', { name: 'In phiếu xin lỗi hẹn lại (Mẫu 04)' }).click();
    await page.getByText('Đã in Mẫu 04.').waitFor();
    await counter.screenshot('counter-dossier-supplement');

    // Typed (lower case, through the keyboard wedge too): a refused dossier.
    await wedge(page, 'MOTCUA:HS:HK-250509-0003');
    await expect.poll(() => page.getByTestId('dossier-status').innerText()).toBe('Từ chối giải quyết');
    // The hub returns only a done dossier; a refused one gets Form 03.
    expect(await page.getByRole('button', { name: 'Trả kết quả', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: 'In thông báo từ chối (Mẫu 03)' }).click();
    await page.getByText('Đã in Mẫu 03.').waitFor();
    await page.getByLabel('Mã hồ sơ').fill('hk-250509-0099');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Không tìm thấy hồ sơ HK-250509-0099');
    await page.getByLabel('Mã hồ sơ').fill('xyz');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toContain('Không thấy mã hồ sơ trong “xyz”');
    const prints = (await counter.commands()).filter((c) => c.name === 'counter:print-form').map((c) => c.input);
    expect(prints).toEqual([
      { code: 'HK-250509-0002', form: '02' },
      { code: 'HK-250509-0002', form: '04' },
      { code: 'HK-250509-0003', form: '03' },
    ]);
  });
});
