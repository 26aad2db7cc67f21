import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

test.describe('undo and redo', () => {
  test('undoes and redoes with the buttons and with Ctrl/Cmd+Z and Shift+Ctrl/Cmd+Z', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await expect(editor.undoButton).toBeDisabled();
    await editor.select(/^Quick reply: No/);
    await editor.nodeToolbar().getByRole('button', { name: 'Delete' }).click();
    await expect(editor.treeItems()).toHaveCount(2);
    await editor.undoButton.click();
    await expect(editor.treeItems()).toHaveCount(3);
    await editor.redoButton.click();
    await expect(editor.treeItems()).toHaveCount(2);
    await page.keyboard.press('ControlOrMeta+z');
    await expect(editor.treeItems()).toHaveCount(3);
    await expect(editor.announcer).toHaveText('Undone.');
    await page.keyboard.press('Shift+ControlOrMeta+z');
    await expect(editor.treeItems()).toHaveCount(2);
    await expect(editor.announcer).toHaveText('Redone.');
  });

  test('typing in one field is one step, and undo puts the text back in the form and preview', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Card/);
    const title = editor.field('Title');
    await title.press('End');
    await page.keyboard.type(' today', { delay: 20 });
    await expect(editor.messenger.getByRole('article', { name: 'Card: Order A-10293 confirmed today' })).toBeVisible();
    await page.keyboard.press('ControlOrMeta+z');
    await expect(title).toHaveValue('Order {{orderId}} confirmed');
    await expect(editor.messenger.getByRole('article', { name: 'Card: Order A-10293 confirmed' })).toBeVisible();
    await expect(editor.undoButton).toBeDisabled();
    await page.keyboard.press('Shift+ControlOrMeta+z');
    await expect(title).toHaveValue('Order {{orderId}} confirmed today');
  });

  test('selection is not a step', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    for (const name of [/^Carousel/, /^Card: Trail shoes/, /^Card: Day pack/, /^Message/]) await editor.select(name);
    await expect(editor.undoButton).toBeDisabled();
    await editor.select(/^Card: Day pack/);
    await editor.field('Title').fill('Backpack');
    await editor.select(/^Card: Trail shoes/);
    await editor.undoButton.click();
    await expect(editor.treeItem(/^Card: Day pack/)).toBeVisible();
    await expect(editor.undoButton).toBeDisabled();
  });

  test('keeps at least 100 steps', async ({ page }) => {
    test.slow();
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await editor.select(/^Quick reply: Yes/);
    const label = editor.field('Label');
    const payload = editor.field('Payload');
    // Alternating fields makes every edit its own step.
    for (let i = 1; i <= 101; i++) await (i % 2 ? label : payload).fill(`v${i}`);
    await expect(label).toHaveValue('v101');
    for (let i = 0; i < 100; i++) await page.keyboard.press('ControlOrMeta+z');
    await expect(label).toHaveValue('v1');
    await expect(payload).toHaveValue('yes');
    await page.keyboard.press('ControlOrMeta+z');
    await expect(label).toHaveValue('Yes');
    await expect(editor.undoButton).toBeDisabled();
  });
});
