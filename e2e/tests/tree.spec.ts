import { expect, test, type Locator, type Page } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

/** Presses Tab until `target` has focus: the way a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, max = 80) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${target}`);
}

/** Drags with the mouse in small steps, the way dnd-kit's pointer sensor expects. */
async function drag(page: Page, from: Locator, to: Locator, where: 'top' | 'middle' | 'bottom') {
  await from.scrollIntoViewIfNeeded();
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + 20, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(a.x + 24, a.y + a.height / 2 + 6, { steps: 4 });
  // Measure the target only now: pressing on a row may have scrolled the page.
  const b = (await to.boundingBox())!;
  const y = where === 'top' ? b.y + b.height * 0.15 : where === 'bottom' ? b.y + b.height * 0.85 : b.y + b.height / 2;
  await page.mouse.move(b.x + 24, y, { steps: 12 });
  await page.mouse.move(b.x + 26, y, { steps: 2 });
  await page.mouse.up();
}

test.describe('building the tree', () => {
  test('builds the order confirmation card from a blank message by keyboard only', async ({ page }) => {
    test.slow();
    const editor = new EditorPage(page);
    await editor.goto();
    await tabTo(page, editor.template(TEMPLATE_NAMES.blank));
    await page.keyboard.press('Enter');
    await expect(editor.outline).toBeVisible();

    await tabTo(page, editor.field('Message text'));
    await page.keyboard.type('Thanks! Your order {{orderId}} is confirmed.');

    await tabTo(page, editor.addButton('Card'));
    await page.keyboard.press('Enter');
    await tabTo(page, editor.field('Title'));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Order {{orderId}} confirmed');

    await tabTo(page, editor.addButton('Button'));
    await page.keyboard.press('Enter');
    await tabTo(page, editor.properties.getByRole('radio', { name: 'Postback' }));
    await page.keyboard.press('ArrowRight');
    await expect(editor.properties.getByRole('radio', { name: 'Link' })).toBeChecked();
    await tabTo(page, editor.field('Button label'));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Track order');
    await tabTo(page, editor.field('Link URL'));
    await page.keyboard.type('https://www.example.com/orders/{{orderId}}');

    // With a button selected, "Add Button" adds the next button to the same card.
    await tabTo(page, editor.addButton('Button'));
    await page.keyboard.press('Enter');
    await tabTo(page, editor.field('Button label'));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('Contact support');
    await tabTo(page, editor.field('Payload'));
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('contact_support');

    await tabTo(page, page.getByRole('button', { name: 'Declare {{orderId}}' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Sample value of orderId'));
    await page.keyboard.type('A-10293');

    await expect(editor.treeItems()).toHaveText([
      /^Message: Thanks! Your order/,
      /^Card: Order \{\{orderId\}\} confirmed · depth 2/,
      /^Button: Track order · depth 3/,
      /^Button: Contact support · depth 3/,
    ]);
    const card = editor.messenger.getByRole('article', { name: 'Card: Order A-10293 confirmed' });
    await expect(card.getByRole('link', { name: /Track order/ })).toHaveAttribute('href', 'https://www.example.com/orders/A-10293');
    await expect(card.getByRole('button', { name: 'Contact support' })).toBeVisible();
    await expect(editor.messenger.getByText('Thanks! Your order A-10293 is confirmed.')).toBeVisible();
    await expect(editor.problems.getByRole('heading', { name: /Problems/ })).toContainText('(0 errors');
  });

  test('adds from the palette into the selected node, duplicates and deletes', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.blank);
    await editor.add('Card');
    await expect(editor.selectedTreeItem).toHaveText(/^Card: Card title · depth 2/);
    await editor.add('Button');
    await expect(editor.selectedTreeItem).toHaveText(/^Button: Button · depth 3/);
    await expect(editor.announcer).toHaveText(/Added Button to Card/);
    await editor.select(/^Card/);
    await editor.nodeToolbar().getByRole('button', { name: 'Duplicate' }).click();
    await expect(editor.treeItem(/^Card/)).toHaveCount(2);
    await expect(editor.treeItem(/^Button/)).toHaveCount(2);
    await expect(editor.announcer).toHaveText(/Duplicated Card/);
    await editor.nodeToolbar().getByRole('button', { name: 'Delete' }).click();
    await expect(editor.treeItem(/^Card/)).toHaveCount(1);
    await expect(editor.announcer).toHaveText(/Deleted Card/);
    // Keyboard delete on the focused tree.
    await editor.select(/^Button/);
    await page.keyboard.press('Delete');
    await expect(editor.treeItem(/^Button/)).toHaveCount(0);
    await page.keyboard.press('ControlOrMeta+d');
    await expect(editor.treeItem(/^Card/)).toHaveCount(2);
  });

  test('moves nodes with Alt+arrows and announces each move', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await editor.select(/^Quick reply: No/);
    await page.keyboard.press('Alt+ArrowUp');
    await expect(editor.treeItems()).toHaveText([/^Message/, /^Quick reply: No/, /^Quick reply: Yes/]);
    await expect(editor.announcer).toHaveText(/Moved Quick reply “No” to position 1 of 2/);
    await expect(editor.treeItem(/^Quick reply: No/)).toBeFocused();
    await page.keyboard.press('Alt+ArrowDown');
    await expect(editor.treeItems()).toHaveText([/^Message/, /^Quick reply: Yes/, /^Quick reply: No/]);
    await page.keyboard.press('Alt+ArrowDown');
    await expect(editor.announcer).toHaveText(/already last/);
    // The preview follows.
    await expect(editor.messenger.getByRole('group', { name: 'Quick replies' }).getByRole('button')).toHaveText(['Yes', 'No']);
  });

  test('indents into the node above and outdents out of a container, by keys and by buttons', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await editor.select(/^Card: Day pack/);
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(editor.treeItem(/^Card: Day pack · depth 2/)).toBeVisible();
    await expect(editor.announcer).toHaveText(/Moved Card “Day pack” to position 2 of 2 in Message/);
    await expect(editor.messenger.getByRole('group', { name: 'Carousel' }).getByRole('article')).toHaveCount(2);
    await editor.nodeToolbar().getByRole('button', { name: 'Indent' }).click();
    await expect(editor.treeItem(/^Card: Day pack · depth 3/)).toBeVisible();
    await expect(editor.messenger.getByRole('group', { name: 'Carousel' }).getByRole('article')).toHaveCount(3);
  });

  test('refuses a keyboard move the grammar forbids and says why', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Button: Track order/);
    await page.keyboard.press('Alt+ArrowLeft');
    await expect(page.getByRole('alert')).toHaveText('A Button cannot go inside a Message; a Message holds only Quick reply, Card, Carousel, List picker, Date picker, Attachment.');
    await expect(editor.announcer).toHaveText(/A Button cannot go inside a Message/);
    await expect(editor.treeItem(/^Button: Track order · depth 3/)).toBeVisible();
  });

  test('moves a node by drag and drop', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await drag(page, editor.treeItem(/^Quick reply: No/), editor.treeItem(/^Quick reply: Yes/), 'top');
    await expect(editor.treeItems()).toHaveText([/^Message/, /^Quick reply: No/, /^Quick reply: Yes/]);
    await expect(editor.announcer).toHaveText(/Moved Quick reply “No” to position 1 of 2/);
  });

  test('a drag is announced to screen readers with node names, and Escape cancels it', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    const live = page.getByRole('status').filter({ hasText: /Picked up|is over|cancelled/ });
    const a = (await editor.treeItem(/^Quick reply: No/).boundingBox())!;
    await page.mouse.move(a.x + 20, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + 24, a.y + a.height / 2 + 6, { steps: 4 });
    await expect(live).toHaveText(/^(Picked up Quick reply: No\.|Quick reply: No is over Quick reply: No\.)$/);
    const b = (await editor.treeItem(/^Quick reply: Yes/).boundingBox())!;
    await page.mouse.move(b.x + 24, b.y + b.height / 2, { steps: 12 });
    await expect(live).toHaveText('Quick reply: No is over Quick reply: Yes.');
    await page.keyboard.press('Escape');
    await expect(live).toHaveText('Move of Quick reply: No cancelled.');
    await page.mouse.up();
    await expect(editor.treeItems()).toHaveText([/^Message/, /^Quick reply: Yes/, /^Quick reply: No/]);
  });

  test('drags a card into another carousel position and a palette item onto the outline', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await drag(page, editor.treeItem(/^Card: Day pack/), editor.treeItem(/^Card: Trail shoes/), 'top');
    await expect(editor.treeItem(/^Card/)).toHaveText([/Day pack/, /Trail shoes/, /Rain jacket/]);
    await drag(page, editor.addButton('Quick reply'), editor.treeItem(/^Message/), 'middle');
    await expect(editor.treeItem(/^Quick reply: Option/)).toBeVisible();
  });

  test('refuses a drop the grammar forbids with the reason', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await drag(page, editor.treeItem(/^Button: Contact support/), editor.treeItem(/^Message/), 'middle');
    await expect(page.getByRole('alert')).toHaveText(/A Button cannot go inside a Message/);
    await expect(editor.treeItem(/^Button: Contact support · depth 3/)).toBeVisible();
  });

  test('refuses an 11th carousel card naming CAROUSEL_MAX_CARDS', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await editor.select(/^Carousel/);
    for (let i = 0; i < 7; i++) {
      await editor.select(/^Carousel/);
      await editor.add('Card');
    }
    await expect(editor.treeItem(/^Card/)).toHaveCount(10);
    await expect(editor.budget('cards')).toHaveText(/^10 \/ 10/);
    await editor.select(/^Carousel/);
    await editor.add('Card');
    await expect(page.getByRole('alert')).toHaveText('A carousel holds at most 10 cards (CAROUSEL_MAX_CARDS); this one already has 10.');
    await expect(editor.treeItem(/^Card/)).toHaveCount(10);
    // Duplicating a card is refused the same way.
    await editor.select(/^Card: Trail shoes/);
    await editor.nodeToolbar().getByRole('button', { name: 'Duplicate' }).click();
    await expect(page.getByRole('alert')).toHaveText(/CAROUSEL_MAX_CARDS/);
    await expect(editor.treeItem(/^Card/)).toHaveCount(10);
  });

  test('a refusal appears next to what was refused, over the page without moving it, and goes away on its own', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await editor.select(/^Card: Rain jacket/);
    for (let i = 0; (await editor.treeItem(/^Card/).count()) < 10 && i < 10; i++) await page.keyboard.press('ControlOrMeta+d');
    await expect(editor.treeItem(/^Card/)).toHaveCount(10);
    const outlineTop = (await editor.outline.boundingBox())!.y;
    const workspaceTop = (await page.locator('.workspace').boundingBox())!.y;
    await page.keyboard.press('ControlOrMeta+d');
    const alert = page.getByRole('alert').filter({ hasText: 'CAROUSEL_MAX_CARDS' });
    await expect(alert).toBeVisible();
    // Right below the selected card's row...
    const row = (await editor.selectedTreeItem.boundingBox())!;
    const box = (await alert.boundingBox())!;
    expect(Math.abs(box.y - (row.y + row.height))).toBeLessThan(12);
    // ...and nothing else moved.
    expect((await editor.outline.boundingBox())!.y).toBe(outlineTop);
    expect((await page.locator('.workspace').boundingBox())!.y).toBe(workspaceTop);
    await expect(alert).toBeHidden({ timeout: 9000 });
  });

  test('shows each node’s depth; a carousel with buttons is exactly MAX_DEPTH and gets no warning', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await expect(editor.page.getByRole('note').filter({ hasText: 'MAX_DEPTH' })).toHaveCount(0);
    await expect(editor.treeItem(/^Button: Track order · depth 3/)).toBeVisible();
    // With the card selected, a carousel goes next to it (a card cannot hold one).
    await editor.select(/^Card/);
    await editor.add('Carousel');
    await expect(editor.treeItems()).toHaveText([/^Message/, /^Card/, /^Button/, /^Button/, /^Carousel · depth 2/]);
    await editor.add('Card');
    await expect(editor.page.getByRole('note').filter({ hasText: 'MAX_DEPTH' })).toHaveCount(0);
    await editor.add('Button');
    await expect(editor.treeItem(/^Button.* · depth 4/)).toBeVisible();
    await expect(editor.page.getByRole('note').filter({ hasText: 'MAX_DEPTH' })).toHaveCount(0);
    await expect(editor.budget('depth')).toHaveText(/^4 \/ 4 MAX_DEPTH$/);
  });

  test('flags an imported tree deeper than MAX_DEPTH', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.blank);
    const deep = {
      formatVersion: 1,
      id: 'deep',
      name: 'Too deep',
      channel: 'webmessaging',
      variables: [],
      root: {
        id: 'm', kind: 'message', props: {}, children: [
          { id: 'c', kind: 'carousel', props: {}, children: [
            { id: 'k', kind: 'card', props: { title: 'T', description: '' }, children: [
              { id: 'a', kind: 'action', props: { type: 'Postback', text: 'Go', payload: 'go' }, children: [
                { id: 'x', kind: 'action', props: { type: 'Postback', text: 'Nested', payload: 'n' }, children: [] },
              ] },
            ] },
          ] },
        ],
      },
    };
    const io = await editor.openImportExport();
    await io.getByLabel(/Paste JSON/).fill(JSON.stringify(deep));
    await io.getByRole('button', { name: 'Import pasted JSON' }).click();
    await expect(editor.treeItem(/^Button: Nested · depth 5 \(over MAX_DEPTH 4\)/)).toBeVisible();
    await expect(editor.page.getByRole('note').filter({ hasText: 'MAX_DEPTH' })).toHaveText(/5 levels deep, more than the 4 allowed \(MAX_DEPTH\)/);
    await expect(editor.budget('depth')).toHaveText(/^5 \/ 4.*over the limit/);
  });
});
