import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

test.describe('duplicate buttons and payloads', () => {
  test('new buttons get a label and payload of their own, so adding them breaks no rule', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    const heading = editor.problems.getByRole('heading', { name: /Problems/ });
    await editor.select(/^Card/);
    await editor.add('Button');
    await editor.add('Button');
    await expect(editor.treeItem(/^Button: Button 2/)).toBeVisible();
    await expect(editor.field('Payload')).toHaveValue(/^button-\d+$/);
    await expect(heading).toContainText('(0 errors');
  });

  test('quick replies are checked like card buttons, and new ones are unique', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    const heading = editor.problems.getByRole('heading', { name: /Problems/ });
    await editor.select(/^Quick reply: No/);
    await editor.add('Quick reply');
    await editor.add('Quick reply');
    await expect(editor.treeItem(/^Quick reply: Option 2/)).toBeVisible();
    await expect(heading).toContainText('(0 errors, 0 warnings)');
    // Made identical to "Yes" by hand: the same error a card's buttons would get.
    await editor.field('Label').fill('Yes');
    await editor.field('Payload').fill('yes');
    await expect(heading).toContainText('(1 errors');
    await expect(editor.problems.getByRole('button', { name: /Two quick replies within a message have the same text "Yes" and payload "yes"/ })).toBeVisible();
  });

  test('Ctrl+D on a carousel card gives the copy payloads of its own', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    const heading = editor.problems.getByRole('heading', { name: /Problems/ });
    await expect(heading).toContainText('(0 errors, 0 warnings)');
    const cards = await editor.treeItem(/^Card/).count();
    await editor.select(/^Card: Rain jacket/);
    await page.keyboard.press('ControlOrMeta+d');
    await expect(editor.treeItem(/^Card/)).toHaveCount(cards + 1);
    await expect(heading).toContainText('(0 errors, 0 warnings)');
  });
});
