/** Page object for the Audit log panel. */
import { expect, type Page } from '@playwright/test';

export class AuditPage {
  constructor(readonly page: Page) {}

  get tabButton() {
    return this.page.getByRole('navigation', { name: 'Server panels' }).getByRole('button', { name: 'Audit log' });
  }
  get panel() {
    return this.page.getByRole('region', { name: 'Audit log' });
  }
  async open() {
    if ((await this.tabButton.getAttribute('aria-pressed')) !== 'true') await this.tabButton.click();
    await expect(this.panel).toBeVisible();
  }
  get table() {
    return this.panel.getByRole('table');
  }
  row(text: string | RegExp) {
    return this.table.getByRole('row').filter({ hasText: text });
  }
  get statusFilter() {
    return this.panel.getByLabel('Status', { exact: true });
  }
  get textFilter() {
    return this.panel.getByRole('searchbox', { name: 'Filter by design, id or target' });
  }

  /** The switch between the two logs: "Sends" or "Library & connection changes". */
  view(name: 'Sends' | 'Library & connection changes') {
    return this.panel.getByRole('group', { name: 'Audit log view' }).getByRole('button', { name, exact: true });
  }
  async showChanges() {
    await this.view('Library & connection changes').click();
    await expect(this.view('Library & connection changes')).toHaveAttribute('aria-pressed', 'true');
  }
  get whoFilter() {
    return this.panel.getByLabel('Who', { exact: true });
  }
  get whatFilter() {
    return this.panel.getByLabel('What', { exact: true });
  }
  get exportCsv() {
    return this.panel.getByRole('link', { name: 'Export CSV' });
  }
  /** Clicks Export CSV and reads the file it downloads. */
  async downloadCsv(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportCsv.click()]);
    const text = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
    return { name: download.suggestedFilename(), text };
  }
}
