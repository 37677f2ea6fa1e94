import type { Page } from 'playwright-core';

/** The waiting-room display, by intent. */
export class DisplayPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('[data-counter-id]').first().waitFor();
  }

  /** Waits until the counter's card shows `number`; returns the card's text. */
  async waitForNumberAt(counterId: string, number: number): Promise<string> {
    const card = this.page.locator(`[data-counter-id="${counterId}"]`);
    await card.filter({ hasText: String(number) }).waitFor();
    return card.innerText();
  }

  async newestCall(): Promise<string> {
    return this.page.getByTestId('display-now').innerText();
  }

  async recentCalls(): Promise<string> {
    return this.page.getByTestId('display-recent').innerText();
  }
}
