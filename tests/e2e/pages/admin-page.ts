import type { Page } from 'playwright-core';

/** The admin's device page, by intent. */
export class AdminPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByTestId('admin-devices').waitFor();
  }

  /** Waits until the device's row contains `text`; returns the row's text. */
  async waitForDeviceRow(deviceId: string, text: string): Promise<string> {
    const row = this.page.locator(`tr[data-device-id="${deviceId}"]`);
    await row.filter({ hasText: text }).waitFor();
    return row.innerText();
  }
}
