import { describe, expect, test } from 'vitest';
import type { Dossier, DossierHistoryEntry } from '../../core/dossiers/dossier';
import type { BridgeOutput, TerminalContext } from '../../core/protocol/bridge';
import { contextFor, DAY } from './support/contexts';
import type { FakeBridgeSetup } from './support/fake-bridge';
import { COUNTER_DESKTOP, type RendererPage } from './support/screens';
import { useScreenHarness } from './support/screen-harness';

/** Issue 13 at the counter: "Nơi trả kết quả" when receiving, "Kết quả chờ trả" when returning (scripted bridge, real Chromium). */
const screens = useScreenHarness();

const HK = { id: 'hoan-kiem', name: 'Bộ phận Một cửa quận Hoàn Kiếm' };
const BD = { id: 'ba-dinh', name: 'Bộ phận Một cửa quận Ba Đình' };
const TP = { id: 'tp-ha-noi', name: 'Trung tâm Phục vụ hành chính công Thành phố Hà Nội' };

const open = (context: TerminalContext, over: Partial<FakeBridgeSetup> = {}): Promise<RendererPage> => screens.open({ context, delayMs: 80, printed: { ok: true }, ...over }, COUNTER_DESKTOP, true);

/** A counter of Hoàn Kiếm in a province of three centres. */
function provinceCounter(): TerminalContext {
  const c = contextFor('counter-1');
  return { ...c, catalogue: { ...c.catalogue, centre: HK, collectCentres: [TP, HK, BD] } };
}

const line = (action: DossierHistoryEntry['action'], to: Dossier['status'], time: string, actorName: string, unit: DossierHistoryEntry['unit']): DossierHistoryEntry => ({
  at: `${DAY}T${time}:00+07:00`,
  action,
  fromStatus: null,
  toStatus: to,
  deviceId: action === 'receive' || action === 'return' ? 'counter-1' : 'backoffice-1',
  role: action === 'receive' || action === 'return' ? 'counter' : 'backoffice',
  actorName,
  note: null,
  newDueAt: null,
  unit,
});

function done(code: string, fullName: string, receivedAtCentre: typeof HK, collectAtCentre: typeof HK): BridgeOutput<'counter:dossier'> {
  return {
    dossier: {
      code,
      procedureCode: '2.000488',
      procedureName: 'Cấp phiếu lý lịch tư pháp',
      departmentId: 'so-tu-phap',
      serviceId: 'tu-phap',
      status: 'done',
      applicant: { fullName, idNumber: '001185004321', dateOfBirth: null, address: null, phone: null },
      documents: [],
      fee: 200000,
      feePaid: 200000,
      ticketId: null,
      receivedAt: '2025-05-09T02:00:00.000Z',
      receivedBy: 'tp-ha-noi-may-quay-1',
      receivedAtCentre,
      collectAtCentre,
      dueAt: '2025-05-19T09:30:00.000Z',
      dueLocal: '2025-05-19T16:30',
      overdue: false,
      missing: [],
      updatedAt: `${DAY}T10:15:00+07:00`,
      pdf: null,
    },
    history: [
      line('receive', 'received', '08:00', 'Phạm Thị Hương', { kind: 'centre', ...receivedAtCentre }),
      line('accept', 'processing', '09:00', 'Hoàng Minh Tuấn', { kind: 'agency', id: 'so-tu-phap', name: 'Sở Tư pháp' }),
      line('done', 'done', '10:15', 'Hoàng Minh Tuấn', { kind: 'agency', id: 'so-tu-phap', name: 'Sở Tư pháp' }),
    ],
  };
}

describe('counter: where the result is collected', () => {
  test('a province counter offers its centres (this one by default); the chosen one goes with the receipt', async () => {
    const counter = await open(provinceCounter());
    const { page } = counter;
    await page.getByRole('tab', { name: 'Tiếp nhận hồ sơ' }).click();
    const select = page.getByLabel('Nơi trả kết quả');
    await select.waitFor();
    expect(await select.inputValue()).toBe(HK.id);
    expect(await select.locator('option').allInnerTexts()).toEqual([`${HK.name} (nơi tiếp nhận)`, TP.name, BD.name]);
    // The select is as tall as the other touch fields.
    expect((await select.boundingBox())!.height).toBeGreaterThanOrEqual(56);

    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    await page.locator('.cd-hit').first().click();
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await page.getByLabel('Số CCCD').fill('001090012345');
    await select.selectOption(BD.id);
    await select.scrollIntoViewIfNeeded();
    await counter.screenshot('counter-collect-select');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await expect.poll(async () => (await counter.commands()).find((c) => c.name === 'counter:receive-dossier')?.input).toMatchObject({ collectAt: BD.id });
  });

  test('the default sends no collectAt; a single-centre counter shows its name, no select', async () => {
    const counter = await open(contextFor('counter-1'));
    const { page } = counter;
    await page.getByRole('tab', { name: 'Tiếp nhận hồ sơ' }).click();
    const field = page.getByTestId('collect-at');
    await field.waitFor();
    expect(await field.innerText()).toContain('Nơi trả kết quả:');
    expect(await page.locator('select[name="collectAt"]').count()).toBe(0);
    await page.getByLabel('Tìm thủ tục').fill('dang ky khai sinh');
    await page.locator('.cd-hit').first().click();
    await page.getByLabel('Họ và tên').fill('Nguyễn Văn An');
    await page.getByLabel('Số CCCD').fill('001090012345');
    await page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await expect.poll(async () => (await counter.commands()).some((c) => c.name === 'counter:receive-dossier')).toBe(true);
    const input = (await counter.commands()).find((c) => c.name === 'counter:receive-dossier')!.input as Record<string, unknown>;
    expect('collectAt' in input).toBe(false);
  });

  test('"Kết quả chờ trả" lists the results waiting here, wherever received; one collected elsewhere can be viewed, not handed back', async () => {
    const fromTp = done('TP-250509-0001', 'Phạm Thị Hoa', TP, HK);
    const ours = done('HK-250509-0004', 'Lê Văn Cường', HK, HK);
    const elsewhere = done('HK-250509-0005', 'Trần Thị Bình', HK, BD);
    const counter = await open(provinceCounter(), { dossiers: [fromTp, ours, elsewhere] });
    const { page } = counter;
    await page.getByRole('tab', { name: 'Trả kết quả' }).click();
    const ready = page.getByTestId('dossier-ready');
    await expect.poll(() => ready.getByRole('button', { name: /^Mở hồ sơ/ }).count()).toBe(2);
    const text = await ready.innerText();
    expect(text).toContain('Kết quả chờ trả (2)');
    expect(text).toContain('TP-250509-0001');
    expect(text).toContain('Phạm Thị Hoa · Cấp phiếu lý lịch tư pháp');
    expect(text).toContain(`Tiếp nhận tại ${TP.name}`);
    expect(text).not.toContain('HK-250509-0005');
    await counter.screenshot('counter-ready-list');

    await ready.getByRole('button', { name: 'Mở hồ sơ TP-250509-0001 để trả kết quả' }).click();
    await expect.poll(() => page.getByTestId('dossier-received-at').innerText()).toBe(TP.name);
    expect(await page.getByTestId('dossier-collect-at').innerText()).toBe(HK.name);
    expect(await page.getByTestId('dossier-found').innerText()).toContain('Hoàng Minh Tuấn · Sở Tư pháp');
    await counter.screenshot('counter-ready-open');
    expect(await page.getByRole('button', { name: 'Trả kết quả', exact: true }).count()).toBe(1);

    // Received here, collected at Ba Đình: shown, but the hand-back is Ba Đình's.
    await page.getByLabel('Mã hồ sơ').fill('HK-250509-0005');
    await page.getByRole('button', { name: 'Tra cứu', exact: true }).click();
    await expect.poll(() => page.getByTestId('dossier-collect-at').innerText()).toBe(BD.name);
    expect(await page.getByTestId('dossier-found').innerText()).toContain(`Kết quả trả tại ${BD.name}: quầy này chỉ xem được.`);
    expect(await page.getByRole('button', { name: 'Trả kết quả', exact: true }).count()).toBe(0);
  });
});
