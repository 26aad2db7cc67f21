/** The library never invents a conflict: the draft knows which library version it came from. */
import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';
import { LibraryPage } from '../pages/LibraryPage.ts';

test('after a reload or in a reopened tab the draft still knows its library version, and saving again is no conflict', async ({ page, context }) => {
  const editor = new EditorPage(page);
  const library = new LibraryPage(page);
  const name = `Reload ${Date.now()}`;
  await editor.start(TEMPLATE_NAMES.order);
  await page.getByRole('textbox', { name: 'Design name' }).fill(name);
  await library.open();
  await library.save();
  await expect(library.status).toHaveText(`Saved “${name}” as version 1.`);
  await page.reload();
  await library.open();
  await expect(library.panel).toContainText(`“${name}” · server version 1`);

  // The tab is closed and the work picked up in a new one (per-tab storage is gone, the draft is not).
  const tab = await context.newPage();
  await page.close();
  const editor2 = new EditorPage(tab);
  const library2 = new LibraryPage(tab);
  await editor2.goto();
  await library2.open();
  await expect(library2.panel).toContainText(`“${name}” · server version 1`);
  await editor2.select(/^Card: Order/);
  await editor2.field('Title').fill('Order {{orderId}} shipped');
  await library2.save();
  await expect(library2.status).toHaveText(`Saved “${name}” as version 2.`);
  await expect(library2.conflict).toHaveCount(0);
  await tab.reload();
  await library2.open();
  await expect(library2.panel).toContainText(`“${name}” · server version 2`);
});
