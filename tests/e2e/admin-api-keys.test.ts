import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseApiKey } from '../../core/protocol/apikey-commands';
import { seriousAxeViolations } from '../support/axe';
import { fontsReady, openPage } from '../support/browser';
import { AdminPage } from './pages/admin-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

/** The IT officer gives the Justice Office's own software a key, rotates it, then revokes it, on the admin screen. */
describe('API keys for other systems on the admin screen (real centre, Chromium)', () => {
  const e = useE2eCentre('motcua-e2e-apikeys-');
  const use = async (key: string) => (await fetch(`${e.centre.hub.url}/api/v1/dossiers`, { headers: { authorization: `Bearer ${key}` } })).status;

  it('creates a key shown once with a copy button, lists it, rotates it (both work), revokes it (refused at once)', { timeout: 120_000 }, async () => {
    const { page, problems } = await openPage(e.browser, { width: 1366, height: 768 });
    const admin = new AdminPage(page);
    await admin.open(e.centre.agents.admin.launchUrl());
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(page.url()).origin });
    page.on('dialog', (d) => void d.accept());
    const section = page.getByTestId('admin-api-keys');
    await section.getByRole('heading', { name: 'Khoá API cho hệ thống khác' }).waitFor();
    expect(await section.innerText()).toContain('Chưa có khoá API nào.');

    await section.getByTestId('api-key-name').fill('Phần mềm hộ tịch Phòng Tư pháp');
    await section.getByTestId('api-key-scope').selectOption({ label: 'Phòng Tư pháp' });
    await section.locator('[data-permission="dossiers:act"]').check();
    await section.getByRole('button', { name: 'Tạo khoá' }).click();
    const shown = section.getByTestId('api-key-shown');
    await shown.waitFor();
    expect(await shown.innerText()).toContain('Khoá API của "Phần mềm hộ tịch Phòng Tư pháp" — chỉ hiển thị một lần này');
    const key = await section.getByTestId('api-key-value').inputValue();
    expect(parseApiKey(key)).not.toBeNull();
    await shown.getByRole('button', { name: 'Chép khoá' }).click();
    await section.getByTestId('api-key-copied').waitFor();
    expect(await section.getByTestId('api-key-copied').innerText()).toBe('Đã chép vào bộ nhớ tạm');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(key);

    const row = section.locator(`[data-api-key="${parseApiKey(key)!.id}"]`);
    await row.waitFor();
    expect(await row.innerText()).toContain('Phòng Tư pháp');
    expect(await row.innerText()).toContain('Xem hồ sơ, Xử lý hồ sơ');
    expect(await row.getByTestId('api-key-state').innerText()).toBe('Đang dùng');
    await shown.scrollIntoViewIfNeeded();
    await fontsReady(page);
    await page.screenshot({ path: path.join(ARTEFACTS, 'apikeys-1-created.png'), animations: 'disabled' });
    // The page with the section (form, key dialog, list) passes axe's serious and critical WCAG 2.2 AA rules.
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(await use(key)).toBe(200);

    // Closed: the key is gone from the page for good.
    await shown.getByRole('button', { name: 'Đã lưu, đóng' }).click();
    await shown.waitFor({ state: 'detached' });
    expect(await page.content()).not.toContain(key);

    await row.getByRole('button', { name: 'Đổi khoá' }).click();
    await shown.waitFor();
    const rotated = await section.getByTestId('api-key-value').inputValue();
    expect(rotated).not.toBe(key);
    await row.getByTestId('api-key-state').filter({ hasText: 'Đang đổi khoá' }).waitFor();
    expect(await row.innerText()).toContain('khoá cũ dùng được đến');
    expect(await use(key)).toBe(200);
    expect(await use(rotated)).toBe(200);
    await shown.getByRole('button', { name: 'Đã lưu, đóng' }).click();

    await row.getByRole('button', { name: 'Thu hồi' }).click();
    await row.getByTestId('api-key-state').filter({ hasText: 'Đã thu hồi' }).waitFor();
    expect(await section.getByRole('status').innerText()).toContain('Đã thu hồi khoá của "Phần mềm hộ tịch Phòng Tư pháp"');
    expect(await row.getByRole('button', { name: 'Đổi khoá' }).isDisabled()).toBe(true);
    expect(await use(rotated)).toBe(401);
    expect(await use(key)).toBe(401);
    await section.scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(ARTEFACTS, 'apikeys-2-revoked.png'), animations: 'disabled' });
    // The 401s above are the hub's, not the page's.
    expect(problems).toEqual([]);
  });
});
