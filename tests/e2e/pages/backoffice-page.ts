import type { Page } from 'playwright-core';

/** A department officer's back-office screen, by intent. */
export class BackofficePage {
  constructor(readonly page: Page) {}

  /** Opens the screen and signs the officer in with the PIN pad, as at the start of the day. */
  async open(url: string, officer: { readonly name: string; readonly pin: string }): Promise<void> {
    await this.page.goto(url);
    await this.page.getByTestId('backoffice-signin').waitFor();
    await this.page.getByRole('radio', { name: officer.name }).click();
    const pad = this.page.getByRole('group', { name: 'Bàn phím số' });
    for (const digit of officer.pin) await pad.getByRole('button', { name: digit, exact: true }).click();
    await this.page.getByRole('button', { name: 'Đăng nhập' }).click();
    await this.page.getByTestId('backoffice-officer').filter({ hasText: officer.name }).waitFor();
    await this.page.getByTestId('backoffice-inbox').waitFor();
  }

  row(code: string) {
    return this.page.locator(`[data-testid=backoffice-row][data-code="${code}"]`);
  }

  async count(tab: 'new' | 'processing' | 'supplement' | 'overdue' | 'done' | 'refused' | 'all'): Promise<number> {
    return Number(await this.page.getByTestId(`backoffice-count-${tab}`).innerText());
  }

  async showTab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  }

  async openDossier(code: string): Promise<void> {
    await this.row(code).click();
    await this.page.locator(`[data-testid=backoffice-dossier][data-code="${code}"]`).waitFor();
  }

  /** The status of the open dossier as the screen names it. */
  async status(): Promise<string> {
    return this.page.getByTestId('backoffice-status').innerText();
  }

  /** Takes one decision on the open dossier and waits for the hub's answer on screen. */
  async act(action: string, fill?: { readonly missing?: readonly string[]; readonly reason?: string; readonly reasonLabel?: string }): Promise<string> {
    const actions = this.page.getByTestId('backoffice-actions');
    const before = await this.page.getByTestId('backoffice-dossier').getAttribute('data-status');
    await actions.getByRole('button', { name: action, exact: true }).click();
    for (const paper of fill?.missing ?? []) await actions.getByLabel(paper).check();
    if (fill?.reason !== undefined) await actions.getByLabel(fill.reasonLabel ?? 'Lý do').fill(fill.reason);
    await actions.getByRole('button', { name: `Xác nhận: ${action}` }).click();
    await this.page.getByTestId('backoffice-outcome').waitFor();
    if (await this.page.getByTestId('backoffice-outcome').getAttribute('role') === 'alert') return this.page.getByTestId('backoffice-outcome').innerText();
    await this.page.locator(`[data-testid=backoffice-dossier]:not([data-status="${before}"])`).waitFor();
    return this.page.getByTestId('backoffice-outcome').innerText();
  }

  /** "Đính kèm kết quả (PDF)" on the open dossier: its file input, and the outcome it shows once it is `state`. */
  resultUpload() {
    const panel = this.page.getByTestId('result-upload');
    return {
      input: panel.getByTestId('result-upload-input'),
      /** Waits until the outcome in `state` mentions `about` (the file's name): an earlier file's outcome does not count. */
      outcome: async (state: 'done' | 'failed', about: string): Promise<string> => {
        const shown = panel.locator(`[data-testid=result-upload-outcome][data-state="${state}"]`).filter({ hasText: about });
        await shown.waitFor({ timeout: 30_000 });
        return shown.innerText();
      },
    };
  }

  /** The rows of Form 05 on screen, as text. */
  async controlSheet(): Promise<string[]> {
    return this.page.getByTestId('backoffice-form05').locator('tbody tr').allInnerTexts();
  }
}
