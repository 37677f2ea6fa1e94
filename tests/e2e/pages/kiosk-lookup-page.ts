import type { Page } from 'playwright-core';

/** The kiosk's "Tra cứu hồ sơ", by intent. */
export class KioskLookupPage {
  constructor(readonly page: Page) {}

  /** "Tra cứu hồ sơ" on the home screen, the code tapped key by key, then "Tra cứu". */
  async lookUpByKeypad(code: string): Promise<void> {
    await this.page.getByTestId('kiosk-lookup-open').tap();
    const pad = this.page.getByTestId('kiosk-lookup');
    for (const ch of code) await pad.getByRole('button', { name: ch, exact: true }).tap();
    await this.page.getByTestId('lookup-submit').tap();
  }

  /** "Tra cứu hồ sơ", then what a keyboard-wedge scanner types into the focused field when it reads a QR (characters, then Enter). */
  async lookUpByWedgeScan(text: string): Promise<void> {
    await this.page.getByTestId('kiosk-lookup-open').tap();
    await this.page.getByTestId('lookup-code').pressSequentially(text);
    await this.page.getByTestId('lookup-code').press('Enter');
  }

  /** The answer: status, procedure and due date as shown. */
  async answer(): Promise<{ status: string; procedure: string; due: string; text: string }> {
    const result = this.page.getByTestId('lookup-result');
    await result.waitFor();
    return {
      status: await this.page.getByTestId('lookup-status').innerText(),
      procedure: await this.page.getByTestId('lookup-procedure').innerText(),
      due: await this.page.getByTestId('lookup-due').innerText(),
      text: await result.innerText(),
    };
  }

  async refusal(): Promise<string> {
    return this.page.getByTestId('lookup-refused').innerText();
  }
}
