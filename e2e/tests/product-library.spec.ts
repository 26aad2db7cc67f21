import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';
import { LibraryPage } from '../pages/LibraryPage.ts';

test.describe('design library', () => {
  test('saves versions, compares two of them, restores the first and renames, duplicates, finds and deletes', async ({ page }) => {
    test.slow();
    const editor = new EditorPage(page);
    const library = new LibraryPage(page);
    const name = `Library ${Date.now()}`;
    await editor.start(TEMPLATE_NAMES.order);
    await page.getByRole('textbox', { name: 'Design name' }).fill(name);
    await library.open();
    await library.save();
    await expect(library.status).toHaveText(`Saved “${name}” as version 1.`);

    await editor.select(/^Card: Order/);
    await editor.field('Title').fill('Order {{orderId}} shipped');
    await library.save();
    await expect(library.status).toHaveText(`Saved “${name}” as version 2.`);

    await library.actions(name).getByRole('button', { name: 'History' }).click();
    const history = library.panel.getByRole('region', { name: 'Version history' });
    await history.getByRole('radio', { name: 'Compare A: version 1' }).check();
    await history.getByRole('radio', { name: 'Compare B: version 2' }).check();
    await history.getByRole('button', { name: 'Compare versions' }).click();
    const diff = history.getByRole('region', { name: 'Version diff' }).or(history.getByLabel('Version diff'));
    await expect(diff.locator('.diff-del')).toContainText(['"title": "Order {{orderId}} confirmed"']);
    await expect(diff.locator('.diff-add')).toContainText(['"title": "Order {{orderId}} shipped"']);

    await history.getByRole('button', { name: 'Restore v1' }).click();
    await expect(library.status).toHaveText(`Opened “${name}” (version 3).`);
    await expect(editor.messenger.getByRole('heading', { name: 'Order A-10293 confirmed' })).toBeVisible();

    await library.actions(name).getByRole('button', { name: 'Duplicate' }).click();
    await expect(library.list).toContainText(`${name} (copy)`);
    await library.actions(name).getByRole('button', { name: 'Rename' }).click();
    await library.panel.getByLabel(`New name for ${name}`).fill(`${name} renamed`);
    await library.panel.getByRole('button', { name: 'Save name' }).click();
    await expect(library.actions(`${name} renamed`)).toBeVisible();
    // The open design takes the new name, so saving it again keeps the rename.
    await expect(page.getByRole('textbox', { name: 'Design name' })).toHaveValue(`${name} renamed`);
    await library.save();
    await expect(library.status).toHaveText(`Saved “${name} renamed” as version 5.`);

    await library.search.fill(`${name} (copy)`);
    await expect(library.list.getByRole('listitem')).toHaveCount(1);
    await library.actions(`${name} (copy)`).getByRole('button', { name: 'Delete' }).click();
    await library.actions(`${name} (copy)`).getByRole('button', { name: 'Confirm delete' }).click();
    await expect(library.panel).toContainText(`No saved designs match “${name} (copy)”`);
  });

  test('a save over a newer version from another tab is a conflict, not a silent overwrite', async ({ page, context }) => {
    test.slow();
    const editor = new EditorPage(page);
    const library = new LibraryPage(page);
    const name = `Two tabs ${Date.now()}`;
    await editor.start(TEMPLATE_NAMES.yesNo);
    await page.getByRole('textbox', { name: 'Design name' }).fill(name);
    await library.open();
    await library.save();
    await expect(library.status).toHaveText(`Saved “${name}” as version 1.`);

    // The second tab opens the same design from the library, edits and saves it first.
    const page2 = await context.newPage();
    const editor2 = new EditorPage(page2);
    const library2 = new LibraryPage(page2);
    await editor2.goto();
    await expect(editor2.outline).toBeVisible();
    await library2.open();
    await library2.search.fill(name);
    await library2.actions(name).getByRole('button', { name: 'Open' }).click();
    await expect(library2.status).toHaveText(`Opened “${name}” (version 1).`);
    await editor2.select(/^Message/);
    await editor2.field('Message text').fill('Their edit');
    await library2.save();
    await expect(library2.status).toHaveText(`Saved “${name}” as version 2.`);

    await editor.select(/^Message/);
    await editor.field('Message text').fill('My edit');
    await library.save();
    await expect(library.conflict).toContainText('saved elsewhere (another tab or person) as version 2 since you loaded version 1');
    await expect(editor.messenger).toContainText('My edit');
    await library.conflict.getByRole('button', { name: 'Save mine as a copy' }).click();
    await library.panel.getByRole('button', { name: 'Save copy' }).click();
    await expect(library.status).toHaveText(`Saved a copy “${name} (mine)” as version 1.`);
    await library.search.fill(name);
    await expect(library.list.getByRole('listitem')).toHaveCount(2);
  });
});
