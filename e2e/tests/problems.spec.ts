import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

test.describe('problems panel and limit meters', () => {
  test('lists validate issues live, grouped by node, and clicking one selects the node', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    const heading = editor.problems.getByRole('heading', { name: /Problems/ });
    await expect(heading).toContainText('(0 errors, 0 warnings)');
    await editor.select(/^Card: Rain jacket/);
    await editor.field('Title').fill('');
    await editor.select(/^Message/);
    await expect(heading).not.toContainText('(0 errors, 0 warnings)');
    // Grouped under the node's name in the outline.
    const group = editor.problems.getByRole('list', { name: /^Problems of Card/ });
    await expect(group).toHaveCount(1);
    await group.getByRole('button').first().click();
    await expect(editor.selectedTreeItem).toHaveText(/^Card · depth 3/);
    await expect(editor.field('Title')).toHaveValue('');
    await editor.field('Title').fill('Rain jacket');
    await expect(heading).toContainText('(0 errors, 0 warnings)');
  });

  test('channel-specific problems follow the preview channel', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await editor.channel.selectOption('whatsapp');
    await expect(editor.problems.getByRole('button', { name: /carousel/i }).first()).toBeVisible();
    await expect(editor.problems.getByRole('heading', { name: /Problems/ })).not.toContainText('(0 errors');
  });

  test('limit meters show the budget as you type', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await expect(editor.budget('depth')).toHaveText(/^3 \/ 4 MAX_DEPTH/);
    await expect(editor.budget('items')).toHaveText(/^1 \/ 20 MAX_CONTENT_ITEMS/);
    await expect(editor.budget('cards')).toHaveText(/^0 \/ 10 CAROUSEL_MAX_CARDS/);
    await expect(editor.budget('actions')).toHaveText(/^2 \/ 3 CARD_BUTTONS_MAX/);
    const before = Number((await editor.budget('bytes').textContent())!.split(' ')[0]);
    await editor.select(/^Message/);
    await editor.field('Message text').press('End');
    await page.keyboard.type(' ééé');
    // Bytes are UTF-8: 1 space + 3 × 2 bytes.
    await expect(editor.budget('bytes')).toHaveText(new RegExp(`^${before + 7} / 65536 MESSAGE_BYTES_MAX`));
    await editor.select(/^Card/);
    await editor.add('Button');
    await expect(editor.budget('actions')).toHaveText(/^3 \/ 3/);
    await editor.add('Button');
    await expect(editor.budget('actions')).toHaveText(/^4 \/ 3 CARD_BUTTONS_MAX — over the limit/);
    await expect(page.getByRole('meter', { name: /Buttons per card/ })).toHaveAttribute('aria-valuetext', '4 of 3');
  });

  test('a meter over its limit, Problems and what the channel changes tell the same story', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Card/);
    await editor.add('Button');
    await editor.add('Button');
    await expect(editor.budget('actions')).toHaveText(/^4 \/ 3 CARD_BUTTONS_MAX — over the limit/);
    // The red meter has its problem, and the preview's list of channel changes names the same one.
    const problem = editor.problems.getByRole('button', { name: /CARD_BUTTONS_MAX/ });
    await expect(problem).toHaveCount(1);
    const changes = page.getByRole('region', { name: /What Web Messenger changes/ });
    await expect(changes.getByText(/CARD_BUTTONS_MAX/)).toHaveCount(1);
  });
});
