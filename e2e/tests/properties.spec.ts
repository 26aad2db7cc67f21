import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

test.describe('property forms', () => {
  test('selecting a node opens its form and typing updates the preview on every keystroke', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await editor.select(/^Card: Rain jacket/);
    await expect(editor.properties.getByRole('heading', { name: 'Properties: Card: Rain jacket' })).toBeVisible();
    const title = editor.field('Title');
    await expect(title).toHaveValue('Rain jacket');
    await title.press('End');
    const carousel = editor.messenger.getByRole('group', { name: 'Carousel' });
    for (const [i, ch] of [...' XL'].entries()) {
      await page.keyboard.type(ch);
      await expect(carousel.getByRole('heading', { level: 3 }).nth(1)).toHaveText(`Rain jacket${' XL'.slice(0, i + 1)}`.trimEnd());
    }
    await expect(editor.treeItem(/^Card: Rain jacket XL/)).toBeVisible();
  });

  test('text fields count characters against the named limits', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Button: Contact support/);
    const label = editor.field('Button label');
    await expect(page.getByText('15/20', { exact: true })).toBeVisible();
    await label.fill('Contact our support team');
    await expect(page.getByText('24/20 — 4 over BUTTON_TEXT_MAX')).toBeVisible();
    await expect(label).toHaveAttribute('aria-invalid', 'true');
    // Counted as the limits are checked: an emoji is one character.
    await label.fill('👍'.repeat(20));
    await expect(page.getByText('20/20', { exact: true })).toBeVisible();
    await expect(label).not.toHaveAttribute('aria-invalid', 'true');
    // …and a variable counts as its sample value ("Order A-10293 confirmed").
    await editor.select(/^Card/);
    await expect(page.getByText('23/80', { exact: true })).toBeVisible();
    await editor.field('Title').fill('x'.repeat(81));
    await expect(page.getByText('81/80 — 1 over CARD_TITLE_MAX')).toBeVisible();
  });

  test('URL fields are checked by the shared URL policy', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Button: Track order/);
    const url = editor.field('Link URL');
    await url.fill('javascript:alert(1)');
    await expect(url).toHaveAttribute('aria-invalid', 'true');
    await expect(editor.properties.getByText(/script/i).first()).toBeVisible();
    // The preview never links to it.
    await expect(editor.messenger.getByRole('link', { name: /Track order/ })).toHaveCount(0);
    await url.fill('https://www.example.com/track');
    await expect(url).not.toHaveAttribute('aria-invalid', 'true');
    await expect(editor.messenger.getByRole('link', { name: /Track order/ })).toHaveAttribute('href', 'https://www.example.com/track');
  });

  test('switching the action type shows the right fields', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Button: Contact support/);
    await expect(editor.field('Payload')).toHaveValue('contact_support');
    await expect(editor.properties.getByLabel('Link URL')).toHaveCount(0);
    await editor.properties.getByRole('radio', { name: 'Link' }).check();
    await expect(editor.properties.getByLabel('Payload')).toHaveCount(0);
    await expect(editor.field('Link URL')).toBeVisible();
    await editor.field('Link URL').fill('https://www.example.com/help');
    await expect(editor.messenger.getByRole('link', { name: /Contact support/ })).toHaveAttribute('href', 'https://www.example.com/help');
    await editor.properties.getByRole('radio', { name: 'Postback' }).check();
    await expect(editor.field('Payload')).toHaveValue('contact_support');
    await expect(editor.messenger.getByRole('button', { name: 'Contact support' })).toBeVisible();
  });

  test('inserts a {{variable}} at the caret', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Card/);
    const desc = editor.field('Description');
    await desc.fill('Arriving  soon');
    await desc.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(9, 9));
    await editor.insertVariable('Description').selectOption('deliveryDate');
    await expect(desc).toHaveValue('Arriving {{deliveryDate}} soon');
    await expect(editor.messenger.getByText('Arriving Friday 14 March soon')).toBeVisible();
  });

  test('the variables panel edits names and sample values that fill the preview', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await page.getByLabel('Sample value of orderId').fill('Z-77');
    await expect(editor.messenger.getByRole('article', { name: 'Card: Order Z-77 confirmed' })).toBeVisible();
    await page.getByRole('button', { name: 'Add variable' }).click();
    await page.getByLabel('Variable 3 name').fill('firstName');
    await page.getByLabel('Sample value of firstName').fill('Ada');
    await editor.select(/^Message/);
    await editor.field('Message text').fill('Hi ');
    await editor.insertVariable('Message text').selectOption('firstName');
    await expect(editor.messenger.getByText('Hi Ada', { exact: true })).toBeVisible();
  });

  test('schema problems of a field are reported next to it', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.datePicker);
    await editor.select(/^Time slot: 2030-05-30T09/);
    const duration = editor.field('Duration (seconds)');
    await duration.fill('90.5');
    await expect(editor.properties.locator('.field-error')).not.toHaveCount(0);
    await duration.fill('900');
    await expect(editor.properties.locator('.field-error')).toHaveCount(0);
  });
});
