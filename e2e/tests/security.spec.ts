import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

const PAYLOADS = [
  '<img src=x onerror=alert(1)>Hello',
  '<script>alert(2)</script>World',
  '"><svg onload=alert(3)>',
  '<img src=x onerror="window.__xss=1">',
  '<a href="javascript:alert(4)">click</a>',
];

test.describe('typed content never runs', () => {
  for (const payload of PAYLOADS) {
    test(`a title of ${JSON.stringify(payload)} is shown as text and runs nothing`, async ({ page }) => {
      const editor = new EditorPage(page);
      await editor.start(TEMPLATE_NAMES.order);
      await editor.select(/^Card/);
      const title = editor.field('Title');
      await title.fill(payload);
      await editor.select(/^Message/);
      await editor.field('Message text').fill(payload);
      // The form and the outline keep exactly what was typed, as text.
      await editor.select(/^Card/);
      await expect(editor.field('Title')).toHaveValue(payload);
      await expect(editor.selectedTreeItem).toContainText(payload.slice(0, 40));
      // The preview shows the sanitized text and creates no element from it.
      const messenger = editor.messenger;
      await expect(messenger.locator('img, script, svg, iframe, a[href^="javascript"]')).toHaveCount(0);
      await expect(page.locator('body img, body svg[onload], body script:not([src])')).toHaveCount(0);
      await page.waitForTimeout(300);
      expect(editor.dialogs).toEqual([]);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(editor.pageErrors).toEqual([]);
    });
  }

  test('markup in a text is reported in the problems panel', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Card/);
    await editor.field('Title').fill('<img src=x onerror=alert(1)>Hello');
    await expect(editor.problems.getByRole('list', { name: /^Problems of Card/ })).toContainText('contained HTML markup');
    await expect(editor.problems.getByRole('list', { name: /^Problems of Card/ })).toContainText('inline event handler');
  });

  test('a text that starts with <script> is reported too', async ({ page }) => {
    // The parser puts a leading <script> into <head>; the policy must still report it.
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Card/);
    await editor.field('Title').fill('<script>alert(2)</script>World');
    await expect(editor.problems.getByRole('list', { name: /^Problems of Card/ })).toContainText('markup', { timeout: 2000 });
  });

  test('markup is stripped to its text in the preview', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Card/);
    await editor.field('Title').fill('<b>Big</b> <img src=x onerror=alert(1)>sale');
    await expect(editor.messenger.getByRole('heading', { level: 3 })).toHaveText('Big sale');
  });

  test('an imported design with script in its texts runs nothing', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.blank);
    const io = await editor.openImportExport();
    await io.getByLabel(/Paste JSON/).fill(
      JSON.stringify({
        type: 'Structured',
        text: '<script>alert("t")</script>',
        content: [
          { contentType: 'QuickReply', quickReply: { text: '<img src=x onerror=alert(5)>', payload: 'p' } },
          { contentType: 'Card', card: { title: '<svg onload=alert(6)>', description: '', actions: [{ type: 'Link', text: 'x', url: 'javascript:alert(7)' }] } },
        ],
      }),
    );
    await io.getByRole('button', { name: 'Import pasted JSON' }).click();
    await expect(editor.treeItem(/^Quick reply/)).toBeVisible();
    await editor.messenger.getByRole('button', { name: 'x' }).click();
    await page.waitForTimeout(300);
    await expect(editor.messenger.locator('img, script, svg, a[href^="javascript"]')).toHaveCount(0);
    expect(editor.dialogs).toEqual([]);
  });

  test.describe('with the clipboard', () => {
    test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

    test('conditional comments and server-side includes are stripped from the exported text like other markup', async ({ page }) => {
      const editor = new EditorPage(page);
      await editor.start(TEMPLATE_NAMES.order);
      await editor.select(/^Card/);
      await editor.field('Title').fill('Hi <!--[if gte IE 4]><SCRIPT>alert(1)</SCRIPT><![endif]-->there');
      await editor.select(/^Message/);
      await editor.field('Message text').fill('<!--#exec cmd="/bin/ls /" -->Your order');
      await expect(editor.messenger.getByRole('heading', { level: 3 })).toHaveText('Hi there');
      await expect(editor.problems.getByRole('list', { name: /^Problems of Card/ })).toContainText('contained HTML markup');
      const io = await editor.openImportExport();
      await io.getByRole('button', { name: 'Copy to clipboard' }).click();
      await expect(io.getByRole('status')).toHaveText('Copied the Genesys message to the clipboard.');
      const exported = await page.evaluate(() => navigator.clipboard.readText());
      expect(exported).not.toContain('<!--');
      expect(exported).not.toMatch(/exec|SCRIPT|endif/);
      const message = JSON.parse(exported) as { text: string; content: Array<{ card?: { title: string } }> };
      expect(message.text).toBe('Your order');
      expect(message.content.find((c) => c.card)?.card?.title).toBe('Hi there');
    });
  });
});
