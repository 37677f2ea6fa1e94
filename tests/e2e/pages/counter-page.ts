import type { Page } from 'playwright-core';

/** The clerk's counter screen, by intent. */
export class CounterPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('button', { name: 'Gọi số tiếp theo' }).waitFor();
  }

  async callNext(): Promise<number> {
    await this.page.getByRole('button', { name: 'Gọi số tiếp theo' }).click();
    await this.page.getByRole('button', { name: 'Bắt đầu phục vụ' }).waitFor();
    return this.currentNumber();
  }

  async startServing(): Promise<void> {
    await this.page.getByRole('button', { name: 'Bắt đầu phục vụ' }).click();
    await this.page.getByRole('button', { name: 'Hoàn thành' }).waitFor();
  }

  async finish(): Promise<void> {
    await this.page.getByRole('button', { name: 'Hoàn thành' }).click();
    await this.page.getByRole('button', { name: 'Gọi số tiếp theo' }).waitFor();
  }

  async currentNumber(): Promise<number> {
    return Number((await this.page.getByTestId('counter-number').innerText()).trim());
  }

  async currentState(): Promise<string> {
    return (await this.page.getByTestId('counter-state').innerText()).trim();
  }
}
