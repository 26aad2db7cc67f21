import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { examplePath as example } from '../../shared/src/testing/reference.ts';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

const exampleJson = (name: string) => JSON.parse(readFileSync(example(name), 'utf8')) as unknown;

async function openFile(editor: EditorPage, file: string) {
  const io = await editor.openImportExport();
  await io.getByLabel('Open a JSON file').setInputFiles(file);
  return io;
}

async function clipboard(page: Page): Promise<string> {
  return page.evaluate(() => navigator.clipboard.readText());
}

test.describe('import and export', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  const previews: Array<[string, (e: EditorPage) => Promise<void>]> = [
    ['structured-card.json', async (e) => {
      const card = e.messenger.getByRole('article', { name: 'Card: (no title)' });
      await expect(card).toContainText('This is a test description');
      await expect(card.getByRole('link', { name: /This is a link action/ })).toHaveAttribute('href', 'http://www.acme.com');
    }],
    ['structured-carousel.json', async (e) => {
      await expect(e.messenger.getByRole('group', { name: 'Carousel' }).getByRole('article')).toHaveCount(3);
      await expect(e.messenger.getByRole('article', { name: 'Card: Card 1' })).toBeVisible();
      await expect(e.messenger.getByRole('img', { name: 'Image: image1.png' })).toBeVisible();
      await expect(e.messenger.getByRole('img', { name: 'Video: video3.mp4' })).toBeAttached();
      // Three cards do not fit the mobile width: the carousel scrolls sideways, as in Messenger.
      const carousel = e.messenger.getByRole('group', { name: 'Carousel' });
      const { overflowX, scrolls } = await carousel.evaluate((el) => ({ overflowX: getComputedStyle(el).overflowX, scrolls: el.scrollWidth > el.clientWidth }));
      expect(['auto', 'scroll']).toContain(overflowX);
      expect(scrolls).toBe(true);
    }],
    ['structured-datepicker.json', async (e) => {
      await expect(e.messenger.getByRole('group', { name: 'Available times' }).getByRole('button')).toHaveCount(2);
      await expect(e.messenger).toContainText('When would you be available?');
    }],
    ['structured-quick-replies.json', async (e) => {
      await expect(e.messenger).toContainText('Do you want to proceed?');
      await expect(e.messenger.getByRole('group', { name: 'Quick replies' }).getByRole('button')).toHaveText(['Yes', 'No']);
    }],
    ['botconnector-v2-messages-response.json', async (e) => {
      await expect(e.messenger).toContainText('What would you like to do?');
      await expect(e.messenger.getByRole('group', { name: 'Quick replies' }).getByRole('button').first()).toHaveText('I want a cookie');
    }],
    ['openmessaging-outbound-carousel.json', async (e) => {
      await expect(e.messenger.getByRole('group', { name: 'Carousel' }).getByRole('article')).toHaveCount(2);
    }],
  ];

  for (const [file, check] of previews) {
    test(`opens ${file} and previews it`, async ({ page }) => {
      const editor = new EditorPage(page);
      await editor.start(TEMPLATE_NAMES.blank);
      const io = await openFile(editor, example(file));
      await expect(io.getByRole('status')).toHaveText(new RegExp(`^Imported ${file.replace('.', '\\.')} as `));
      await check(editor);
    });
  }

  test('a Bot Connector request is refused with what it is, and nothing changes', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    const io = await openFile(editor, example('botconnector-v2-messages-request.json'));
    await expect(io.getByRole('status')).toHaveText(/Could not import botconnector-v2-messages-request\.json: nothing was changed/);
    await expect(io.getByRole('list', { name: 'Import issues' })).toContainText('Bot Connector request');
    await expect(editor.treeItem(/^Quick reply: Yes/)).toBeVisible();
  });

  for (const file of ['structured-carousel.json', 'structured-quick-replies.json', 'structured-datepicker.json', 'structured-card.json']) {
    test(`exports ${file} back to the same JSON (copy to clipboard)`, async ({ page }) => {
      const editor = new EditorPage(page);
      await editor.start(TEMPLATE_NAMES.blank);
      const io = await openFile(editor, example(file));
      await io.getByRole('button', { name: 'Copy to clipboard' }).click();
      await expect(io.getByRole('status')).toHaveText('Copied the Genesys message to the clipboard.');
      expect(JSON.parse(await clipboard(page))).toEqual(exampleJson(file));
    });
  }

  test('imports pasted JSON as one undoable step', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    const io = await editor.openImportExport();
    await io.getByLabel(/Paste JSON/).fill(readFileSync(example('structured-carousel.json'), 'utf8'));
    await io.getByRole('button', { name: 'Import pasted JSON' }).click();
    await expect(editor.treeItem(/^Carousel/)).toBeVisible();
    await editor.undoButton.click();
    await expect(editor.treeItem(/^Quick reply: Yes/)).toBeVisible();
    await io.getByLabel(/Paste JSON/).fill('{"type": "Structured", ');
    await io.getByRole('button', { name: 'Import pasted JSON' }).click();
    await expect(io.getByRole('list', { name: 'Import issues' })).toContainText(/Not valid JSON: the text ends too early at line 1, column 24/);
    await expect(editor.treeItem(/^Quick reply: Yes/)).toBeVisible();
  });

  test('downloads the export as a .json file in the chosen format', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    const io = await editor.openImportExport();
    await io.getByLabel('Export format').selectOption('botconnector-v2');
    const download = page.waitForEvent('download');
    await io.getByRole('button', { name: 'Download' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('order-confirmation.botconnector-v2.json');
    const body = JSON.parse(readFileSync((await file.path())!, 'utf8'));
    expect(body.botState).toBe('MoreData');
    expect(body.replyMessages[0].content[0].card.title).toBe('Order {{orderId}} confirmed');
  });

  test('a share link carries the design in the URL hash', async ({ page, context }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Card/);
    await editor.field('Title').fill('Shared card');
    const io = await editor.openImportExport();
    await io.getByRole('button', { name: 'Share link' }).click();
    const link = await io.getByLabel('Share link').inputValue();
    expect(link).toMatch(/#design=[A-Za-z0-9+\-$]+$/);
    expect(await clipboard(page)).toBe(link);
    // A fresh browser context: no draft, only the link.
    const other = await context.browser()!.newContext();
    const fresh = await other.newPage();
    const viewer = new EditorPage(fresh);
    await fresh.goto(link);
    await expect(viewer.treeItem(/^Card: Shared card/)).toBeVisible();
    await expect(fresh.getByRole('status').filter({ hasText: 'Opened the shared design' })).toBeVisible();
    // The link is read once: it leaves the address bar, so a reload keeps the edits made since.
    await expect(fresh).not.toHaveURL(/#design=/);
    await viewer.select(/^Card: Shared card/);
    await viewer.field('Title').fill('Edited after sharing');
    await fresh.reload();
    await expect(viewer.treeItem(/^Card: Edited after sharing/)).toBeVisible();
    await other.close();
  });
});
