import type { Page } from 'playwright-core';

/** The clerk's counter screen, by intent. */
export class CounterPage {
  constructor(readonly page: Page) {}

  /** Opens the counter screen and signs the clerk in, as at the start of a shift (unless still signed in). */
  async open(url: string, clerk: { readonly name: string; readonly pin: string }): Promise<void> {
    await this.page.goto(url);
    const signin = this.page.getByTestId('counter-signin');
    const signedIn = this.page.getByTestId('counter-clerk').filter({ hasText: clerk.name });
    await signin.or(signedIn).waitFor();
    if (await signedIn.isVisible()) return;
    await this.page.getByRole('radio', { name: clerk.name }).click();
    await this.page.getByLabel('Mã PIN').fill(clerk.pin);
    await this.page.getByRole('button', { name: 'Đăng nhập' }).click();
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

  /** Finishes serving; the citizen's rating sheet that follows is skipped (see finishAndRate). */
  async finish(): Promise<void> {
    await this.page.getByRole('button', { name: 'Hoàn thành' }).click();
    await this.ratingPanel().getByRole('button', { name: 'Bỏ qua' }).click();
    await this.ratingPanel().waitFor({ state: 'detached' });
  }

  /** Finishes serving and leaves the screen to the citizen, who picks a level and may write a comment. */
  async finishAndRate(level: 'Rất hài lòng' | 'Hài lòng' | 'Bình thường' | 'Không hài lòng', comment?: string, beforeSend?: () => Promise<void>): Promise<void> {
    await this.page.getByRole('button', { name: 'Hoàn thành' }).click();
    const panel = this.ratingPanel();
    await panel.getByRole('radio', { name: level }).click();
    if (comment !== undefined) await panel.getByLabel('Góp ý thêm').fill(comment);
    await beforeSend?.();
    await panel.getByRole('button', { name: 'Gửi đánh giá' }).click();
    await panel.getByText('Cảm ơn ông/bà đã đánh giá!').waitFor();
    await panel.waitFor({ state: 'detached' });
  }

  ratingPanel() {
    return this.page.getByTestId('counter-rating');
  }

  /** Calls the citizen again; resolves once the screen counts the new recall. */
  async recall(): Promise<number> {
    const text = await this.page.getByRole('button', { name: /^Gọi lại/ }).innerText();
    const count = Number(/\((\d+)\)/.exec(text)?.[1] ?? 0) + 1;
    await this.page.getByRole('button', { name: /^Gọi lại/ }).click();
    await this.page.getByRole('button', { name: `Gọi lại (${count})` }).waitFor();
    return count;
  }

  async markAbsent(): Promise<void> {
    await this.page.getByRole('button', { name: 'Vắng mặt' }).click();
    await this.page.getByRole('button', { name: 'Gọi số tiếp theo' }).waitFor();
  }

  async isAbsentAllowed(): Promise<boolean> {
    return this.page.getByRole('button', { name: 'Vắng mặt' }).isEnabled();
  }

  async openTransfer(): Promise<void> {
    await this.page.getByRole('button', { name: 'Chuyển…' }).click();
    await this.page.getByTestId('counter-transfer').waitFor();
  }

  async transferTo(target: string): Promise<void> {
    await this.page.getByTestId('counter-transfer').getByRole('button', { name: target, exact: true }).click();
    await this.page.getByRole('button', { name: 'Gọi số tiếp theo' }).waitFor();
  }

  async pause(reason: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Tạm dừng quầy' }).click();
    await this.page.getByRole('button', { name: reason }).click();
    await this.page.getByTestId('counter-paused').waitFor();
  }

  async resume(): Promise<void> {
    await this.page.getByRole('button', { name: 'Mở lại quầy' }).click();
    await this.page.getByRole('button', { name: 'Tạm dừng quầy' }).waitFor();
  }

  async currentNumber(): Promise<number> {
    return Number((await this.page.getByTestId('counter-number').innerText()).trim());
  }

  async currentState(): Promise<string> {
    return (await this.page.getByTestId('counter-state').innerText()).trim();
  }
}
