import type { Page } from 'playwright-core';

/** The counter's dossier desks (receive, return), by intent; the queue side is CounterPage. */
export class CounterDossierPage {
  constructor(readonly page: Page) {}

  async openReceive(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Tiếp nhận hồ sơ' }).click();
    await this.page.getByTestId('dossier-receive').waitFor();
  }

  async openReturn(): Promise<void> {
    await this.page.getByRole('tab', { name: 'Trả kết quả' }).click();
    await this.page.getByTestId('dossier-return').waitFor();
  }

  /** Types the query as a clerk does and picks the first procedure found; returns its name. */
  async pickProcedure(query: string): Promise<string> {
    await this.page.getByLabel('Tìm thủ tục').fill(query);
    const first = this.page.locator('.cd-hit').first();
    await first.waitFor();
    const name = await first.locator('.cd-hit-name').innerText();
    await first.click();
    await this.page.getByTestId('dossier-checklist').waitFor();
    return name;
  }

  async tick(documentName: string): Promise<void> {
    await this.page.getByTestId('dossier-checklist').getByRole('checkbox', { name: documentName }).check();
  }

  async fillApplicant(a: { readonly fullName: string; readonly idNumber: string; readonly dateOfBirth?: string; readonly address?: string; readonly phone?: string }): Promise<void> {
    await this.page.getByLabel('Họ và tên').fill(a.fullName);
    await this.page.getByLabel('Số CCCD').fill(a.idNumber);
    if (a.dateOfBirth !== undefined) await this.page.getByLabel('Ngày sinh').fill(a.dateOfBirth);
    if (a.address !== undefined) await this.page.getByLabel('Địa chỉ').fill(a.address);
    if (a.phone !== undefined) await this.page.getByLabel('Điện thoại').fill(a.phone);
  }

  /** The citizen's phone for notifications and the consent box (unticked until the citizen agrees). */
  async fillNotify(phone: string, consent: boolean): Promise<void> {
    await this.page.getByLabel('Số di động nhận thông báo').fill(phone);
    await this.page.getByRole('checkbox', { name: 'Đồng ý nhận thông báo về hồ sơ qua Zalo/SMS' }).setChecked(consent);
  }

  async consentTicked(): Promise<boolean> {
    return this.page.getByRole('checkbox', { name: 'Đồng ý nhận thông báo về hồ sơ qua Zalo/SMS' }).isChecked();
  }

  /** Presses "Tiếp nhận" expecting a problem on the form; returns the notification block's problem. */
  async receiveRefused(): Promise<string> {
    await this.page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    const problem = this.page.getByTestId('dossier-notify').getByRole('alert');
    await problem.waitFor();
    return problem.innerText();
  }

  /** Scans `pages` pages (the feeder for more than one) and waits until that many thumbnails more are shown. */
  async scan(pages: number): Promise<void> {
    const before = await this.thumbnails().count();
    if (pages === 1) await this.page.getByRole('button', { name: 'Quét trang', exact: true }).click();
    else {
      await this.page.getByLabel('Số trang trong khay').fill(String(pages));
      await this.page.getByRole('button', { name: `Quét ${pages} trang` }).click();
    }
    await this.page.waitForFunction((n) => document.querySelectorAll('.cd-page img').length >= n, before + pages, { timeout: 60_000 });
  }

  thumbnails() {
    return this.page.locator('.cd-page');
  }

  /** Presses "Tiếp nhận" and returns the dossier code shown. */
  async receive(): Promise<string> {
    await this.page.getByRole('button', { name: 'Tiếp nhận', exact: true }).click();
    await this.page.getByTestId('dossier-received').waitFor({ timeout: 20_000 });
    return (await this.page.getByTestId('dossier-code').innerText()).trim();
  }

  async receivedText(): Promise<string> {
    return this.page.getByTestId('dossier-received').innerText();
  }

  async lookup(code: string): Promise<string> {
    await this.page.getByLabel('Mã hồ sơ').fill(code);
    await this.page.getByRole('button', { name: 'Tra cứu' }).click();
    // The button reads "Tra cứu" and is enabled again once THIS lookup has answered: a result shown
    // before it (the same dossier looked up earlier) must not be read as its answer.
    await this.page.getByRole('button', { name: 'Tra cứu', exact: true, disabled: false }).waitFor();
    await this.page.getByTestId('dossier-found').waitFor();
    return (await this.page.getByTestId('dossier-status').innerText()).trim();
  }
}
