import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';
import { SendPage } from '../pages/SendPage.ts';

test.describe('names, words and a quiet console', () => {
  test('an export download is named after the design and its format', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await page.getByRole('textbox', { name: 'Design name' }).fill('Shoe picks');
    const panel = await editor.openImportExport();
    const names: string[] = [];
    for (const format of ['botconnector-v2', 'botconnector-v1', 'message', 'text', 'design']) {
      await panel.getByLabel('Export format').selectOption(format);
      const [download] = await Promise.all([page.waitForEvent('download'), panel.getByRole('button', { name: 'Download' }).click()]);
      names.push(download.suggestedFilename());
    }
    expect(names).toEqual([
      'shoe-picks.botconnector-v2.json',
      'shoe-picks.botconnector-v1.json',
      'shoe-picks.genesys-message.json',
      'shoe-picks.text-fallback.txt',
      'shoe-picks.design.json',
    ]);
  });

  test('a send leaves no failed request in the console, and no screen cites document sections', async ({ page, context }) => {
    test.slow();
    // No network here: the template's card image is answered locally, as its host would.
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
    await context.route('https://www.example.com/**', (route) => route.fulfill({ contentType: 'image/png', body: png }));
    const failures: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') failures.push(m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${r.url()}`);
    });
    const editor = new EditorPage(page);
    const send = new SendPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await send.sendToNewConversation();
    await expect(send.result).toContainText('sent');
    await expect(send.guestMessages().last().getByRole('article')).toBeVisible();
    // The guest view draws the card's real image, the same way the preview does.
    await expect(send.guestMessages().last().getByRole('img', { name: 'Image: parcel.png' })).toHaveAttribute('referrerpolicy', 'no-referrer');
    await page.waitForTimeout(500);
    expect(failures).toEqual([]);
    await expect(page.locator('body')).not.toContainText('§');
  });
});
