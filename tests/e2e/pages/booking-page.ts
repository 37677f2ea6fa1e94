import type { Page } from 'playwright-core';

/** The citizen booking a slot on the centre's public page, by intent. */
export class BookingPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('[data-service]').first().waitFor();
  }

  async chooseService(name: string): Promise<void> {
    await this.page.getByRole('button', { name, exact: true }).click();
    await this.page.locator('[data-date]').first().waitFor();
  }

  async chooseDay(date: string): Promise<void> {
    await this.page.locator(`[data-date="${date}"]`).click();
    await this.page.locator('[data-slot]').first().waitFor();
  }

  /** The free places the page shows for a slot ("còn 2 chỗ", "Hết chỗ"). */
  async placesOf(slot: string): Promise<string> {
    return (await this.page.locator(`[data-slot="${slot}"] .free`).innerText()).trim();
  }

  async chooseSlot(slot: string): Promise<void> {
    await this.page.locator(`[data-slot="${slot}"]`).click();
  }

  async fillDetails(name: string, phone: string): Promise<void> {
    await this.page.getByLabel(/Họ và tên|Full name/).fill(name);
    await this.page.getByLabel(/^(Số điện thoại|Phone number)$/).fill(phone);
  }

  async confirm(): Promise<string> {
    await this.page.getByRole('button', { name: /Xác nhận đặt lịch|Confirm booking/ }).click();
    return (await this.page.getByTestId('booking-code').innerText()).trim();
  }

  async alert(): Promise<string> {
    await this.page.locator('#alert:not(:empty)').waitFor();
    return (await this.page.locator('#alert').innerText()).trim();
  }

  async heading(): Promise<string> {
    return (await this.page.locator('main h1').innerText()).trim();
  }

  async switchLanguage(to: 'English' | 'Tiếng Việt'): Promise<void> {
    await this.page.getByRole('button', { name: to }).click();
  }
}
