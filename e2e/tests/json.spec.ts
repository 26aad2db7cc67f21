import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

test.describe('JSON view', () => {
  test('CodeMirror loads only when the JSON view opens', async ({ page }) => {
    const scripts: string[] = [];
    // The code itself, not only chunk names: CodeMirror's class names survive minifying.
    const bodies: Promise<string>[] = [];
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') bodies.push(r.text().catch(() => ''));
    });
    page.on('request', (r) => {
      if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname);
    });
    const hasCodeMirror = async () => (await Promise.all(bodies)).some((b) => b.includes('cm-scroller'));
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await expect(editor.problems).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(scripts.some((s) => /JsonView/.test(s))).toBe(false);
    expect(await hasCodeMirror()).toBe(false);
    expect(await page.locator('.cm-editor').count()).toBe(0);
    await editor.openJson();
    await expect(page.locator('.cm-editor')).toBeVisible();
    expect(scripts.some((s) => /JsonView/.test(s))).toBe(true);
    expect(await hasCodeMirror()).toBe(true);
  });

  test('shows the export in every format', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.openJson();
    const format = editor.jsonPanel.getByLabel('Format');
    await expect(editor.jsonContent).toContainText('"type": "Structured"');
    await expect(editor.jsonContent).toContainText('"contentType": "Card"');
    await expect(editor.jsonContent).toContainText('{{orderId}}');
    await format.selectOption('botconnector-v2');
    await expect(editor.jsonContent).toContainText('"replyMessages"');
    await expect(editor.jsonContent).toContainText('"botState": "MoreData"');
    await format.selectOption('botconnector-v1');
    await expect(editor.jsonContent).toContainText('"replymessages"');
    await format.selectOption('text');
    await expect(editor.jsonContent).toContainText('Track order');
    await expect(editor.jsonContent).not.toContainText('"contentType"');
    await format.selectOption('design');
    await expect(editor.jsonContent).toContainText('"formatVersion": 1');
  });

  test('editing the JSON updates the tree and preview', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await editor.openJson();
    await editor.jsonContent.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(
      JSON.stringify({
        type: 'Structured',
        text: 'Pick a size',
        content: [
          { contentType: 'QuickReply', quickReply: { text: 'Small', payload: 's' } },
          { contentType: 'QuickReply', quickReply: { text: 'Medium', payload: 'm' } },
          { contentType: 'QuickReply', quickReply: { text: 'Large', payload: 'l' } },
        ],
      }, null, 2),
    );
    await expect(editor.treeItems()).toHaveText([/^Message: Pick a size/, /^Quick reply: Small/, /^Quick reply: Medium/, /^Quick reply: Large/]);
    await expect(editor.messenger.getByRole('group', { name: 'Quick replies' }).getByRole('button')).toHaveText(['Small', 'Medium', 'Large']);
    await expect(editor.jsonPanel.getByTestId('json-status')).toHaveText('Applied to the design.');
    // Typing inside a string is applied too, and the design name survives a message-format edit.
    await expect(page.getByLabel('Design name')).toHaveValue('Yes / no');
    // One undo step brings the previous tree back.
    await editor.undoButton.click();
    await expect(editor.treeItems()).toHaveText([/^Message: Do you want/, /^Quick reply: Yes/, /^Quick reply: No/]);
  });

  test('bad JSON is shown at its location and in the problems panel, and the last good tree stays', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await editor.openJson();
    await editor.jsonContent.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText('{\n  "type": "Structured",\n  "text": "Oops"\n  "content": []\n}');
    await expect(editor.jsonPanel.getByTestId('json-status')).toHaveText(/Not applied: Not valid JSON: unexpected "\\"" at line 4, column 3/);
    await expect(page.locator('.cm-lintRange-error')).toHaveCount(1);
    await expect(editor.problems.getByRole('list', { name: 'Problems of JSON editor' })).toContainText('line 4, column 3');
    await expect(editor.treeItems()).toHaveText([/^Message: Do you want/, /^Quick reply: Yes/, /^Quick reply: No/]);

    // A structural error is located at its path.
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(JSON.stringify({ type: 'Structured', content: [{ contentType: 'Card', card: { title: 7, actions: [] } }] }, null, 2));
    await expect(editor.problems.getByRole('list', { name: /Problems of/ }).first()).toBeVisible();
    await expect(page.locator('.cm-lintRange-error, .cm-lintRange-warning').first()).toBeVisible();
  });

  test.describe('with the clipboard', () => {
    test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

    test('JSON that would lose content is not applied: the error sits at its line and the design stays', async ({ page }) => {
      const editor = new EditorPage(page);
      await editor.start(TEMPLATE_NAMES.carousel);
      const io = await editor.openImportExport();
      await io.getByRole('button', { name: 'Copy to clipboard' }).click();
      const typo = (await page.evaluate(() => navigator.clipboard.readText())).replace('"Carousel"', '"Carousell"');
      expect(typo).toContain('"contentType": "Carousell"');
      await editor.openJson();
      await editor.jsonContent.click();
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.insertText(typo);
      await expect(editor.jsonPanel.getByTestId('json-status')).toHaveText(/^Not applied: content\[0\]\.contentType is the string "Carousell".*The last good design is kept\.$/);
      // CodeMirror renders only the lines near the viewport and the caret is now at the end of
      // a long document: go back to the top, where the carousel's contentType line is.
      await page.keyboard.press('ControlOrMeta+Home');
      await expect(page.locator('.cm-line', { has: page.locator('.cm-lintRange-error') })).toContainText('"contentType": "Carousell"');
      await expect(editor.treeItem(/^Carousel/)).toBeVisible();
      await expect(editor.messenger.getByRole('group', { name: 'Carousel' }).getByRole('article')).toHaveCount(3);
      await expect(editor.problems.getByRole('list', { name: 'Problems of JSON editor' })).toContainText('Carousell');
    });
  });

  test('selecting a node highlights its JSON range', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await editor.openJson();
    await editor.select(/^Card: Rain jacket/);
    const mark = page.locator('.cm-selected-node');
    await expect(mark.first()).toBeVisible();
    await expect.poll(async () => (await mark.allTextContents()).join('')).toContain('"title": "Rain jacket"');
    expect((await mark.allTextContents()).join('')).not.toContain('Trail shoes');
    await editor.jsonPanel.getByLabel('Format').selectOption('design');
    await editor.select(/^Card: Day pack/);
    await expect.poll(async () => (await mark.allTextContents()).join('')).toContain('"title": "Day pack"');
  });
});
