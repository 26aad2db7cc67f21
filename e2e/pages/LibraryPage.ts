/** Page object for the Library panel. */
import { expect, type Page } from '@playwright/test';

export class LibraryPage {
  constructor(readonly page: Page) {}

  get tabButton() {
    return this.page.getByRole('navigation', { name: 'Server panels' }).getByRole('button', { name: 'Library' });
  }
  get panel() {
    return this.page.getByRole('region', { name: 'Library' });
  }
  async open() {
    if ((await this.tabButton.getAttribute('aria-pressed')) !== 'true') await this.tabButton.click();
    await expect(this.panel).toBeVisible();
  }
  async save() {
    await this.panel.getByRole('button', { name: 'Save to library' }).click();
  }
  get status() {
    return this.page.getByTestId('library-status');
  }
  get list() {
    return this.panel.getByRole('list', { name: 'Saved designs' });
  }
  get search() {
    return this.panel.getByRole('searchbox', { name: 'Search designs' });
  }
  actions(name: string) {
    return this.panel.getByRole('group', { name: `Actions for ${name}`, exact: true });
  }
  get conflict() {
    return this.panel.getByRole('alert').filter({ hasText: 'Conflict' });
  }
}
