/** Page object for the designer: role-based locators only, so tests read like what a user does. */
import { expect, type Locator, type Page } from '@playwright/test';

export const TEMPLATE_NAMES = {
  order: /^Order confirmation/,
  yesNo: /^Yes \/ no quick replies/,
  carousel: /^Product carousel/,
  listPicker: /^List picker/,
  datePicker: /^Appointment date picker/,
  blank: /^Blank message/,
} as const;

export class EditorPage {
  readonly dialogs: string[] = [];
  readonly pageErrors: string[] = [];

  constructor(readonly page: Page) {
    page.on('dialog', (d) => {
      this.dialogs.push(`${d.type()}: ${d.message()}`);
      // Leaving is allowed (tests reload); anything else (alert, confirm) is recorded and dismissed.
      void (d.type() === 'beforeunload' ? d.accept() : d.dismiss()).catch(() => {});
    });
    page.on('pageerror', (e) => this.pageErrors.push(String(e)));
  }

  async goto(hash = '') {
    await this.page.goto(`/${hash}`);
  }

  // ---- Gallery ----
  get galleryHeading() {
    return this.page.getByRole('heading', { name: 'Start a rich message' });
  }
  template(name: RegExp) {
    return this.page.getByRole('list', { name: 'Templates' }).getByRole('button', { name });
  }
  async start(name: RegExp = TEMPLATE_NAMES.blank) {
    await this.goto();
    await this.template(name).click();
    await expect(this.outline).toBeVisible();
  }

  // ---- Structure ----
  get outline() {
    return this.page.getByRole('tree', { name: 'Design outline' });
  }
  treeItems() {
    return this.outline.getByRole('treeitem');
  }
  treeItem(name: string | RegExp) {
    return this.outline.getByRole('treeitem', { name });
  }
  get selectedTreeItem() {
    return this.outline.locator('[role="treeitem"][aria-selected="true"]');
  }
  addButton(kindLabel: string) {
    return this.page.getByRole('button', { name: `Add ${kindLabel}`, exact: true });
  }
  async add(kindLabel: string) {
    await this.addButton(kindLabel).click();
  }
  nodeToolbar() {
    return this.page.getByRole('toolbar', { name: 'Selected node' });
  }
  get announcer() {
    return this.page.getByTestId('announcer');
  }
  get refusal() {
    return this.page.getByRole('alert').filter({ hasNotText: /^$/ }).first();
  }
  async select(name: string | RegExp) {
    await this.treeItem(name).click();
  }

  // ---- Properties ----
  get properties() {
    return this.page.getByRole('region', { name: /^Properties/ });
  }
  field(label: string | RegExp) {
    return this.properties.getByLabel(label, { exact: typeof label === 'string' });
  }
  insertVariable(fieldLabel: string) {
    return this.properties.getByRole('combobox', { name: `Insert variable into ${fieldLabel}` });
  }

  // ---- Preview ----
  get previewPanel() {
    return this.page.getByRole('region', { name: 'Preview', exact: true });
  }
  get messenger() {
    return this.page.getByTestId('messenger');
  }
  get channel() {
    return this.previewPanel.getByLabel('Channel');
  }
  /** Clicks in the preview try what the customer's tap sends (instead of selecting the part). */
  async tryIt() {
    await this.previewPanel.getByRole('radio', { name: 'Try it' }).check();
  }
  get tapResult() {
    return this.page.getByTestId('tap-result');
  }
  get channelChanges() {
    return this.page.getByRole('region', { name: /^What .* changes$/ });
  }

  // ---- Checks ----
  get problems() {
    return this.page.getByRole('region', { name: /^Problems/ });
  }
  budget(id: 'depth' | 'items' | 'cards' | 'actions' | 'bytes') {
    return this.page.getByTestId(`budget-${id}`);
  }

  // ---- Toolbar ----
  get undoButton() {
    return this.page.getByRole('button', { name: 'Undo', exact: true });
  }
  get redoButton() {
    return this.page.getByRole('button', { name: 'Redo', exact: true });
  }
  async openJson() {
    await this.page.getByRole('button', { name: 'JSON view' }).click();
    await expect(this.jsonContent).toBeVisible();
  }
  get jsonPanel() {
    return this.page.getByRole('region', { name: 'JSON' });
  }
  get jsonContent() {
    return this.page.getByRole('textbox', { name: /^Export (JSON \(editable\)|text \(read only\))$/ });
  }
  async openImportExport(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Import / export' }).click();
    const panel = this.page.getByRole('region', { name: 'Import and export' });
    await expect(panel).toBeVisible();
    return panel;
  }
}
