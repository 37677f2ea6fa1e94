import type { Page } from 'playwright-core';

/** The citizen's phone, following a ticket from its QR, by intent. */
export class PhoneTicketPage {
  constructor(readonly page: Page) {}

  /**
   * Counts the alert's effects in the page (vibrations and beeps) without changing them: the hooks
   * go in through the DevTools protocol before the page's own script, which the page's CSP does not govern.
   */
  async watchAlerts(): Promise<void> {
    await this.page.addInitScript(() => {
      const w = window as unknown as { __vibrations: unknown[]; __beeps: number };
      w.__vibrations = [];
      w.__beeps = 0;
      const vibrate = navigator.vibrate?.bind(navigator);
      Object.defineProperty(navigator, 'vibrate', { configurable: true, value: (p: VibratePattern) => (w.__vibrations.push(p), vibrate ? vibrate(p) : true) });
      const create = AudioContext.prototype.createOscillator;
      AudioContext.prototype.createOscillator = function (this: AudioContext) {
        w.__beeps += 1;
        return create.call(this);
      };
    });
  }

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByTestId('phone-number').waitFor();
  }

  async number(): Promise<number> {
    return Number((await this.page.getByTestId('phone-number').innerText()).trim());
  }

  async waitForAhead(text: string): Promise<void> {
    await this.page.getByTestId('phone-ahead').filter({ hasText: text }).waitFor();
  }

  async waitForCall(): Promise<string> {
    const call = this.page.getByTestId('phone-call');
    await call.waitFor();
    return call.innerText();
  }

  async turnSoundOn(): Promise<void> {
    await this.page.getByRole('button', { name: 'Bật âm báo' }).click();
    await this.page.getByRole('button', { name: 'Tắt âm báo' }).waitFor();
  }

  async switchLanguage(to: 'English' | 'Tiếng Việt'): Promise<void> {
    await this.page.getByRole('button', { name: to }).click();
    await this.page.locator(`html[lang="${to === 'English' ? 'en' : 'vi'}"]`).waitFor();
  }

  async alerts(): Promise<{ vibrations: number; beeps: number }> {
    return this.page.evaluate(() => {
      const w = window as unknown as { __vibrations: unknown[]; __beeps: number };
      return { vibrations: w.__vibrations.length, beeps: w.__beeps };
    });
  }

  /** "Nhắc tôi khi còn N người": the form's fields by their labels, then its button; returns what the page says after. */
  async setReminder(phone: string, remaining: number, consent: boolean): Promise<string> {
    await this.page.getByLabel('Số điện thoại di động').fill(phone);
    await this.page.getByLabel('Nhắc khi còn').selectOption(String(remaining));
    await this.page.getByLabel(/Tôi đồng ý nhận tin nhắn nhắc lượt/).setChecked(consent);
    await this.page.getByRole('button', { name: 'Đặt lời nhắc' }).click();
    const set = this.page.getByTestId('phone-reminder');
    const refused = this.page.locator('.remind .form-status[data-kind="error"]');
    await set.or(refused).first().waitFor();
    return (await set.isVisible()) ? set.innerText() : refused.innerText();
  }

  /** The reminder form's status line: its kind (busy, ok, error) and words. */
  async reminderStatus(): Promise<{ kind: string | null; text: string }> {
    const status = this.page.locator('.remind .form-status');
    return { kind: await status.getAttribute('data-kind'), text: await status.innerText() };
  }

  async reminderOffered(): Promise<boolean> {
    return this.page.getByRole('button', { name: 'Đặt lời nhắc' }).isVisible();
  }

  /** The rating once served: a level, an optional comment, then "Gửi đánh giá"; returns the thanks. */
  async rate(level: 'Rất hài lòng' | 'Hài lòng' | 'Bình thường' | 'Không hài lòng', comment?: string): Promise<string> {
    await this.page.getByRole('button', { name: level, exact: true }).click();
    if (comment) await this.page.getByLabel('Góp ý (không bắt buộc)').fill(comment);
    await this.page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    const thanks = this.page.getByTestId('phone-rated');
    await thanks.waitFor();
    return thanks.innerText();
  }

  async waitForRating(): Promise<void> {
    await this.page.getByRole('heading', { name: 'Bạn có hài lòng với việc phục vụ hôm nay?' }).waitFor();
  }
}
