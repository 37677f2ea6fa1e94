import type { Page } from 'playwright-core';

/** The admin's device page, by intent. */
export class AdminPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByTestId('admin-devices').waitFor();
  }

  /** The administrator's sign-in form (shown once the centre has accounts); resolves when the page answered. */
  async signIn(username: string, password: string): Promise<'signed-in' | string> {
    const form = this.page.getByTestId('admin-sign-in');
    await form.waitFor();
    await form.locator('input[name="username"]').fill(username);
    await form.locator('input[name="password"]').fill(password);
    const before = await form.getByRole('alert').count() > 0 ? await form.getByRole('alert').innerText() : null;
    await form.getByRole('button').click();
    const devices = this.page.getByTestId('admin-devices');
    const alert = form.getByRole('alert');
    // Either the admin screen, or a (new) refusal under the form.
    await devices.or(alert.filter({ hasNotText: before ?? '\u0000' })).first().waitFor();
    return (await devices.count()) > 0 ? 'signed-in' : alert.innerText();
  }

  async signOut(): Promise<void> {
    await this.page.getByTestId('admin-user').getByRole('button').click();
    await this.page.getByTestId('admin-sign-in').waitFor();
  }

  /** Books the first free slot of the service on the date; returns the booking code the page shows. */
  async bookAppointment(serviceName: string, date: string, slot: string, citizenName: string, phone: string): Promise<string> {
    await this.page.getByTestId('book-service').selectOption({ label: serviceName });
    await this.page.getByTestId('book-date').fill(date);
    await this.page.locator(`[data-testid="book-slot"] option[value="${slot}"]:not([disabled])`).waitFor({ state: 'attached' });
    await this.page.getByTestId('book-slot').selectOption(slot);
    await this.page.getByTestId('book-name').fill(citizenName);
    await this.page.getByTestId('book-phone').fill(phone);
    await this.page.getByTestId('book-submit').click();
    const notice = await this.page.getByTestId('book-notice').filter({ hasText: 'mã' }).innerText();
    const code = /mã ([A-Z0-9]{6})/.exec(notice)?.[1];
    if (!code) throw new Error(`no booking code in "${notice}"`);
    return code;
  }

  async bookingRow(code: string, text: string): Promise<string> {
    const row = this.page.locator(`tr[data-code="${code}"]`).filter({ hasText: text });
    await row.waitFor();
    return row.innerText();
  }

  /** Shows the statistics of one grouping ('service', 'counter', 'clerk'…) once they have loaded. */
  async showStatistics(grouping: string): Promise<void> {
    await this.page.getByTestId('stats-totals').waitFor();
    await this.page.locator(`[data-grouping="${grouping}"]`).click();
    await this.page.locator(`[data-grouping="${grouping}"][aria-selected="true"]`).waitFor();
  }

  /** The text of a statistics row by its key (a service, counter or clerk id). */
  async statisticsRow(key: string): Promise<string> {
    const row = this.page.getByTestId('stats-table').locator(`tr[data-key="${key}"]`);
    await row.waitFor();
    return row.innerText();
  }

  async statisticsTile(tile: string): Promise<string> {
    return this.page.getByTestId('stats-totals').locator(`[data-tile="${tile}"] dd`).innerText();
  }

  /** Clicks a download button and resolves with the file the browser saved. */
  async download(testId: 'stats-download-xlsx' | 'stats-download-csv'): Promise<{ name: string; path: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(testId).click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), path };
  }

  /** Waits until the device's row contains `text`; returns the row's text. */
  async waitForDeviceRow(deviceId: string, text: string): Promise<string> {
    const row = this.page.locator(`tr[data-device-id="${deviceId}"]`);
    await row.filter({ hasText: text }).waitFor();
    return row.innerText();
  }
}
