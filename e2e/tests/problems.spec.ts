import { expect, test, type Locator } from '@playwright/test';
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

  test('at a limit is not an error; over it the meter, Problems, the channel changes and the preview agree', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    const meter = page.getByRole('meter', { name: /Buttons per card/ });
    await editor.select(/^Card/);
    await editor.add('Button');
    await expect(editor.budget('actions')).toHaveText('3 / 3 CARD_BUTTONS_MAX');
    expect(await meterRegion(meter)).toBe('optimum');
    for (let i = 0; i < 3; i++) await editor.add('Button');
    // Six buttons on Web Messenger: kept, with a warning, and every panel says so.
    await expect(editor.budget('actions')).toHaveText(/^6 \/ 3 CARD_BUTTONS_MAX — over the limit/);
    expect(await meterRegion(meter)).toBe('suboptimal');
    await expect(editor.problems.getByRole('heading', { name: /Problems/ })).toContainText('(0 errors, 1 warnings)');
    const changes = page.getByRole('region', { name: /What Web Messenger changes/ });
    await expect(changes.getByText(/may not show them all/)).toHaveCount(1);
    const card = editor.messenger.getByRole('article');
    await expect(card.locator('.card-button')).toHaveCount(6);
    await expect(card.getByText('Web Messenger may not show this button')).toHaveCount(3);
    // The bar keeps most of its row however long the figure next to it is.
    const row = (await meter.locator('xpath=..').boundingBox())!;
    expect((await meter.boundingBox())!.width).toBeGreaterThan(row.width * 0.8);
    // On WhatsApp the same card breaks a rule: red, and the preview cuts the buttons.
    await editor.channel.selectOption('whatsapp');
    await expect(editor.problems.getByRole('heading', { name: /Problems/ })).not.toContainText('(0 errors');
    expect(await meterRegion(meter)).toBe('even-less-good');
    await expect(card.locator('.card-button')).toHaveCount(3);
  });

  test('a normal carousel with buttons shows no depth warning', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await expect(editor.budget('depth')).toHaveText('4 / 4 MAX_DEPTH');
    await expect(page.getByText(/Depth limit/)).toHaveCount(0);
    expect(await meterRegion(page.getByRole('meter', { name: 'Depth' }))).toBe('optimum');
  });
});

/** The region a <meter> is drawn in (green, amber, red), by the HTML rules for optimum below low. */
async function meterRegion(meter: Locator): Promise<'optimum' | 'suboptimal' | 'even-less-good'> {
  return meter.evaluate((m: HTMLMeterElement) => {
    if (m.optimum >= m.low) throw new Error('this helper reads meters whose optimum is below low');
    return m.value <= m.low ? 'optimum' : m.value <= m.high ? 'suboptimal' : 'even-less-good';
  });
}
