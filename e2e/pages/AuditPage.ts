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
}
