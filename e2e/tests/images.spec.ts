import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

// A 1×1 PNG: what the test image host answers.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

test.describe('real images', () => {
  test('a card image loads over https without a referrer, lazily, with a placeholder on error, and can be turned off', async ({ page, context }) => {
    const referers: Array<string | undefined> = [];
    await context.route('https://img.example.test/**', async (route) => {
      referers.push(route.request().headers()['referer']);
      if (route.request().url().endsWith('/missing.png')) await route.fulfill({ status: 404, body: '' });
      else await route.fulfill({ contentType: 'image/png', body: PNG });
    });
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Card/);
    await editor.field('Image URL').fill('https://img.example.test/shoe.png');
    const img = editor.messenger.getByRole('img', { name: 'Image: shoe.png' });
    await expect(img).toHaveJSProperty('tagName', 'IMG');
    await expect(img).toHaveAttribute('referrerpolicy', 'no-referrer');
    await expect(img).toHaveAttribute('loading', 'lazy');
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(1);
    expect(referers.filter(Boolean)).toEqual([]);
    // A broken image keeps its placeholder and says why.
    await editor.field('Image URL').fill('https://img.example.test/missing.png');
    await expect(editor.messenger.getByRole('img', { name: 'Image: missing.png (could not be loaded)' })).toBeVisible();
    // Plain http is never fetched.
    await editor.field('Image URL').fill('http://img.example.test/plain.png');
    await expect(editor.messenger.getByRole('img', { name: /plain\.png \(not an https URL/ })).toBeVisible();
    // Turned off: placeholders only, and the choice survives a reload.
    await editor.field('Image URL').fill('https://img.example.test/shoe.png');
    await expect(editor.messenger.locator('img')).toHaveCount(1);
    await editor.previewPanel.getByRole('checkbox', { name: 'Load remote images' }).uncheck();
    await expect(editor.messenger.locator('img')).toHaveCount(0);
    await expect(editor.messenger.getByRole('img', { name: 'Image: shoe.png' })).toBeVisible();
    await page.reload();
    await expect(editor.previewPanel.getByRole('checkbox', { name: 'Load remote images' })).not.toBeChecked();
    await expect(editor.messenger.locator('img')).toHaveCount(0);
  });

  test('the content security policy allows https images and no plain http', async ({ request }) => {
    const csp = (await request.get('/')).headers()['content-security-policy']!;
    const img = csp.split(';').find((d) => d.startsWith('img-src'));
    expect(img).toBe("img-src 'self' data: https:");
    expect(csp).not.toContain('http:');
  });
});
