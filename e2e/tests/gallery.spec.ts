import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

test.describe('start screen', () => {
  test('offers the starter templates and a blank message', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.goto();
    await expect(editor.galleryHeading).toBeVisible();
    for (const name of Object.values(TEMPLATE_NAMES)) await expect(editor.template(name)).toBeVisible();
  });

  test('the order confirmation template has Track order and Contact support and {{orderId}} in its text', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await expect(editor.treeItem(/^Card: Order \{\{orderId\}\} confirmed/)).toBeVisible();
    await expect(editor.treeItem(/^Button: Track order/)).toBeVisible();
    await expect(editor.treeItem(/^Button: Contact support/)).toBeVisible();
    // The preview binds the sample value.
    await expect(editor.messenger.getByRole('article', { name: 'Card: Order A-10293 confirmed' })).toBeVisible();
    await expect(editor.messenger.getByRole('link', { name: /Track order/ })).toBeVisible();
    await expect(editor.messenger.getByRole('button', { name: 'Contact support' })).toBeVisible();
  });

  test('each template opens its kind of content', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await expect(editor.messenger.getByRole('group', { name: 'Quick replies' }).getByRole('button')).toHaveText(['Yes', 'No']);
    await page.evaluate(() => localStorage.clear());
    await editor.start(TEMPLATE_NAMES.carousel);
    await expect(editor.messenger.getByRole('group', { name: 'Carousel' }).getByRole('article')).toHaveCount(3);
    await page.evaluate(() => localStorage.clear());
    await editor.start(TEMPLATE_NAMES.listPicker);
    await expect(editor.treeItem(/^List picker: Choose a product/)).toBeVisible();
    await expect(editor.treeItem(/^List item: Model A/)).toBeVisible();
    await page.evaluate(() => localStorage.clear());
    await editor.start(TEMPLATE_NAMES.datePicker);
    await expect(editor.messenger.getByRole('group', { name: 'Available times' }).getByRole('button')).toHaveCount(3);
  });

  test('a blank message starts with only the message node', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.blank);
    await expect(editor.treeItems()).toHaveCount(1);
    await expect(editor.selectedTreeItem).toHaveText(/^Message/);
  });

  test('New… reopens the gallery and picking a template there can be undone', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await page.getByRole('button', { name: 'New…' }).click();
    await editor.template(TEMPLATE_NAMES.carousel).click();
    await expect(editor.treeItem(/^Carousel/)).toBeVisible();
    await editor.undoButton.click();
    await expect(editor.treeItem(/^Quick reply: Yes/)).toBeVisible();
  });

  test('the last design reopens after a reload', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await editor.select(/^Quick reply: Yes/);
    await editor.field('Label').fill('Sure thing');
    await expect(editor.treeItem(/^Quick reply: Sure thing/)).toBeVisible();
    await page.reload();
    await expect(editor.galleryHeading).toHaveCount(0);
    await expect(editor.treeItem(/^Quick reply: Sure thing/)).toBeVisible();
    await expect(editor.messenger.getByRole('button', { name: 'Sure thing' })).toBeVisible();
  });

  test('leaving with unsaved changes asks for confirmation', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await editor.select(/^Quick reply: No/);
    await editor.field('Label').fill('Nope');
    const dialog = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    expect((await dialog).type()).toBe('beforeunload');
    expect(editor.dialogs).toEqual(['beforeunload: ']);
  });

  test('leaving a design with no changes since it was opened does not warn', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await page.reload();
    await expect(editor.outline).toBeVisible();
    await editor.select(/^Quick reply: No/);
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => page.isClosed()).toBe(true);
    expect(editor.dialogs).toEqual([]);
  });
});
