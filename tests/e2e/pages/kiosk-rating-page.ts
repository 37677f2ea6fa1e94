import type { Page } from 'playwright-core';

/** The kiosk's "Đánh giá dịch vụ", by intent. */
export class KioskRatingPage {
  constructor(readonly page: Page) {}

  /** The tile on the home screen, the ticket number tapped on the keypad, then "Tiếp tục". */
  async findByKeypad(number: string): Promise<void> {
    await this.page.getByTestId('kiosk-rate-open').tap();
    const pad = this.page.getByTestId('kiosk-rate');
    for (const ch of number) await pad.getByRole('button', { name: ch, exact: true }).tap();
    await this.page.getByTestId('kiosk-rate-find').tap();
  }

  /** What a keyboard-wedge scanner does with the ticket's QR: types what it holds into the focused field, then Enter. */
  async findByWedgeScan(text: string): Promise<void> {
    await this.page.getByTestId('kiosk-rate-open').tap();
    await this.page.getByTestId('kiosk-rate-entry').waitFor();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Enter');
  }

  /** "Quầy 1 — Nguyễn Thị Lan đã phục vụ bạn lúc 09:42". */
  async servedBy(): Promise<string> {
    return this.page.getByTestId('kiosk-rate-served').innerText();
  }

  async choose(level: string, reason?: string): Promise<void> {
    await this.page.getByRole('radio', { name: level, exact: true }).tap();
    if (reason) await this.page.getByRole('button', { name: reason, exact: true }).tap();
  }

  async send(): Promise<void> {
    await this.page.getByTestId('kiosk-rate-send').tap();
    await this.page.getByTestId('kiosk-rate-thanks').waitFor();
  }

  async refusal(): Promise<{ reason: string | null; text: string }> {
    const box = this.page.getByTestId('kiosk-rate-refused');
    await box.waitFor();
    return { reason: await box.getAttribute('data-reason'), text: await box.innerText() };
  }

  async home(): Promise<void> {
    await this.page.getByTestId('kiosk-rate-back').tap();
  }
}
