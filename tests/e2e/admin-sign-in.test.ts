import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sqliteAdminAccounts } from '../../hub/admin/admin-accounts';
import { openDatabase } from '../../hub/db/open-database';
import { fontsReady, openPage } from '../support/browser';
import { AdminPage } from './pages/admin-page';
import { ARTEFACTS, useE2eCentre } from './support/e2e-centre';

const PASSWORD = 'mat-khau-quan-tri-2026';

/** The IT officer opens the admin screen: it asks who they are, refuses a wrong password, and locks after five. */
describe('administrator sign-in on the admin screen, in the browser', () => {
  const e = useE2eCentre('motcua-e2e-admin-sign-in-');
  const addAccount = async (username: string) => {
    // Beside the running hub, as `motcua admin add` does (the database is in WAL mode).
    const db = openDatabase(path.join(e.dir, 'hub.sqlite'));
    try {
      const r = await sqliteAdminAccounts(db, () => new Date()).add(username, PASSWORD);
      if (!r.ok) throw new Error(r.error.message);
    } finally {
      db.close();
    }
  };

  it('signs in with the right password only, shows who is signed in, signs out, and locks after five wrong passwords', async () => {
    await addAccount('quan-tri');
    await addAccount('ke-toan');
    const { page, problems } = await openPage(e.browser, { width: 1366, height: 768 });
    const admin = new AdminPage(page);
    await page.goto(e.centre.agents.admin.launchUrl());
    await page.getByTestId('admin-sign-in').waitFor();
    expect(await page.getByTestId('admin-devices').count()).toBe(0);
    await fontsReady(page);
    await page.screenshot({ path: path.join(ARTEFACTS, 'admin-sign-in-1-form.png'), animations: 'disabled' });

    expect(await admin.signIn('quan-tri', 'sai-mat-khau-roi')).toContain('Tên đăng nhập hoặc mật khẩu không đúng (1/5)');
    await page.screenshot({ path: path.join(ARTEFACTS, 'admin-sign-in-2-wrong.png'), animations: 'disabled' });
    expect(await admin.signIn('quan-tri', PASSWORD)).toBe('signed-in');
    expect(await page.getByTestId('admin-user').innerText()).toContain('Quản trị viên: quan-tri');
    // The statistics came through with the session the agent holds; the page itself holds no token (its own session cookie is HttpOnly).
    await page.getByTestId('stats-totals').waitFor();
    expect(await page.evaluate(() => ({ cookie: document.cookie, stored: [...Object.keys(localStorage), ...Object.keys(sessionStorage)] }))).toEqual({ cookie: '', stored: [] });
    await fontsReady(page);
    await page.screenshot({ path: path.join(ARTEFACTS, 'admin-sign-in-3-signed-in.png'), animations: 'disabled' });

    await admin.signOut();
    expect(await page.getByTestId('admin-devices').count()).toBe(0);

    for (let i = 1; i <= 4; i++) expect(await admin.signIn('ke-toan', `sai-${i}-mat-khau`)).toContain(`(${i}/5)`);
    expect(await admin.signIn('ke-toan', 'sai-5-mat-khau')).toContain('bị khoá');
    const locked = await admin.signIn('ke-toan', PASSWORD);
    expect(locked).toContain('đang bị khoá 15 phút');
    expect(await page.getByTestId('admin-sign-in').getByRole('alert').getAttribute('data-error-kind')).toBe('forbidden');
    await page.screenshot({ path: path.join(ARTEFACTS, 'admin-sign-in-4-locked.png'), animations: 'disabled' });
    expect(problems.filter((p) => !/status of 40[13]/.test(p))).toEqual([]);
    // Seven scrypt checks and a whole centre on a loaded build machine.
  }, 120_000);
});
