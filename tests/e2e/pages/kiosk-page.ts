import type { Page } from 'playwright-core';

/** The citizen's kiosk, by intent. */
export class KioskPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByText('Chọn dịch vụ để lấy số thứ tự').waitFor();
  }

  async waitUntilConnected(): Promise<void> {
    await this.page.locator('[data-service-id]:not([disabled])').first().waitFor();
  }

  /** Taps the service tile and returns the number shown on the result screen. */
  async takeTicket(serviceName: string): Promise<{ number: number; notice: string }> {
    await this.page.locator('[data-service-id]', { hasText: serviceName }).tap();
    const result = this.page.getByTestId('kiosk-result');
    await result.waitFor();
    const number = Number((await this.page.getByTestId('ticket-number').innerText()).trim());
    const notice = await result.locator('[role="status"], [role="alert"]').first().innerText();
    return { number, notice };
  }

  /** "Tôi đã đặt lịch hẹn", then the code tapped key by key on the on-screen keypad, then "Xác nhận". */
  async checkInByKeypad(code: string): Promise<void> {
    await this.page.getByTestId('kiosk-appointment').tap();
    const keypad = this.page.getByTestId('kiosk-check-in');
    for (const ch of code) await keypad.getByRole('button', { name: ch, exact: true }).tap();
    await this.page.getByTestId('check-in-submit').tap();
  }

  /** What a keyboard-wedge QR scanner does: types the code into the focused field and presses Enter. */
  async checkInByScanner(code: string): Promise<void> {
    await this.page.getByTestId('kiosk-appointment').tap();
    await this.page.getByTestId('check-in-code').waitFor();
    await this.page.keyboard.type(code);
    await this.page.keyboard.press('Enter');
  }

  async checkInRefusal(): Promise<string> {
    return this.page.getByTestId('check-in-refused').innerText();
  }

  async waitingFor(serviceName: string): Promise<string> {
    return this.page.locator('[data-service-id]', { hasText: serviceName }).innerText();
  }
}
