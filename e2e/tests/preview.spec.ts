import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

test.describe('preview', () => {
  test('a Postback button shows the ButtonResponse of type Button the tap sends', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.tryIt();
    await editor.messenger.getByRole('button', { name: 'Contact support' }).click();
    const sent = JSON.parse((await editor.tapResult.textContent())!);
    expect(sent).toEqual({
      type: 'Structured',
      text: 'Contact support',
      content: [{ contentType: 'ButtonResponse', buttonResponse: { type: 'Button', text: 'Contact support', payload: 'contact_support' } }],
    });
  });

  test('a quick reply sends a ButtonResponse of type QuickReply', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await editor.tryIt();
    await editor.messenger.getByRole('button', { name: 'No' }).click();
    const sent = JSON.parse((await editor.tapResult.textContent())!);
    expect(sent.content[0].buttonResponse).toEqual({ type: 'QuickReply', text: 'No', payload: 'no' });
    expect(sent.text).toBe('No');
  });

  test('a Link button opens its url and sends nothing', async ({ page, context }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.tryIt();
    const link = editor.messenger.getByRole('link', { name: /Track order/ });
    await expect(link).toHaveAttribute('target', '_blank');
    // No network in tests: answer the external page locally.
    await context.route('https://www.example.com/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>Order</title>' }));
    const popup = context.waitForEvent('page');
    await link.click();
    const opened = await popup;
    await opened.waitForLoadState();
    expect(opened.url()).toContain('https://www.example.com/orders/A-10293');
    await opened.close();
    await expect(editor.tapResult).toHaveText(/opens https:\/\/www\.example\.com\/orders\/A-10293 in the browser and sends nothing/);
  });

  test('list picker and date picker choices show their responses', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.datePicker);
    await editor.tryIt();
    await editor.messenger.getByRole('group', { name: 'Available times' }).getByRole('button').first().click();
    const sent = JSON.parse((await editor.tapResult.textContent())!);
    expect(sent.content[0].buttonResponse).toMatchObject({ type: 'DatePicker', payload: '2030-05-30T09:00:00Z' });
    await page.evaluate(() => localStorage.clear());
    await editor.start(TEMPLATE_NAMES.listPicker);
    await editor.tryIt();
    // Web Messenger does not deliver list pickers: shown as an export-only ghost.
    await expect(editor.messenger.getByRole('group', { name: 'Not delivered on Web Messenger: List picker' })).toBeVisible();
    await expect(editor.channelChanges).toContainText(/List/i);
    await editor.channel.selectOption('apple');
    await editor.messenger.getByRole('button', { name: 'Open list' }).click();
    await editor.messenger.getByRole('button', { name: /Model B/ }).click();
    const chosen = JSON.parse((await editor.tapResult.textContent())!);
    expect(chosen.content[0].buttonResponse).toEqual({ type: 'ListPicker', text: 'Model B', payload: 'p2' });
  });

  test('a click on a card, button or quick reply selects it and opens its properties', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.messenger.getByRole('button', { name: 'Contact support' }).click();
    await expect(editor.selectedTreeItem).toHaveText(/^Button: Contact support/);
    await expect(editor.field('Payload')).toHaveValue('contact_support');
    await expect(editor.tapResult).toHaveCount(0);
    // A Link button selects too, and opens nothing.
    await editor.messenger.getByRole('link', { name: /Track order/ }).click();
    await expect(editor.selectedTreeItem).toHaveText(/^Button: Track order/);
    expect(page.context().pages()).toHaveLength(1);
    await editor.messenger.getByRole('heading', { name: /Order/ }).click();
    await expect(editor.selectedTreeItem).toHaveText(/^Card/);
    await expect(editor.field('Title')).toBeVisible();
    await page.evaluate(() => localStorage.clear());
    await editor.start(TEMPLATE_NAMES.yesNo);
    await editor.messenger.getByRole('button', { name: 'No' }).click();
    await expect(editor.selectedTreeItem).toHaveText(/^Quick reply: No/);
    await expect(editor.field('Label')).toHaveValue('No');
  });

  test('the channel switch shows what each channel really gets, with each change listed', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await expect(editor.channelChanges).toContainText('Nothing: Web Messenger gets the message as designed.');
    await expect(editor.messenger.getByRole('group', { name: 'Carousel' })).toBeVisible();
    await expect(editor.messenger.getByRole('link', { name: /Details/ })).toHaveCount(3);

    await editor.channel.selectOption('whatsapp');
    await expect(editor.messenger).toHaveAttribute('aria-label', 'WhatsApp preview');
    await expect(editor.messenger.getByRole('group', { name: 'Carousel' })).toHaveCount(0);
    await expect(editor.messenger.getByRole('article')).toHaveCount(3);
    await expect(editor.messenger.getByRole('link', { name: /Details/ })).toHaveCount(0);
    const changes = editor.channelChanges.getByRole('listitem');
    await expect(changes.filter({ hasText: /carousel/i }).first()).toBeVisible();
    await expect(changes.filter({ hasText: 'Details' })).toHaveCount(3);

    await editor.channel.selectOption('sms');
    await expect(editor.messenger.getByRole('article')).toHaveCount(0);
    await expect(editor.messenger).toContainText('Trail shoes');
    await expect(editor.channelChanges).toContainText('SMS shows plain text only');
    await expect(editor.channelChanges).toContainText('more than 160 (SMS_SEGMENT_MAX)');

    const expected: Array<[string, string, string]> = [
      ['facebook', 'Facebook Messenger', 'Nothing: Facebook Messenger gets the message as designed.'],
      ['instagram', 'Instagram', 'Carousels on Instagram'],
      ['line', 'LINE', 'Carousels on LINE'],
      ['apple', 'Apple Messages for Business', 'Carousels on Apple Messages for Business'],
      ['open', 'Open Messaging', 'Carousels on Open Messaging'],
      ['webmessaging', 'Web Messenger', 'Nothing: Web Messenger gets the message as designed.'],
    ];
    for (const [c, label, change] of expected) {
      await editor.channel.selectOption(c);
      await expect(editor.messenger).toHaveAttribute('aria-label', `${label} preview`);
      await expect(editor.messenger.getByRole('article')).toHaveCount(3);
      await expect(editor.channelChanges).toContainText(change);
      if (!change.startsWith('Nothing')) await expect(editor.channelChanges.getByRole('listitem').filter({ hasText: 'Link buttons' })).toHaveCount(3);
    }
  });

  test('the SMS text fallback fills sample values and shows markup as its text', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Card: Order/);
    await editor.field('Description').fill('<b>Arrives</b> Friday');
    await editor.channel.selectOption('sms');
    await expect(editor.messenger).toContainText('Order A-10293 confirmed');
    await expect(editor.messenger).toContainText('Arrives Friday');
    await expect(editor.messenger).not.toContainText('{{orderId}}');
    await expect(editor.messenger).not.toContainText('<b>');
  });

  test('switches light/dark and mobile/desktop widths', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await expect(editor.messenger).toHaveAttribute('data-theme', 'light');
    const light = await editor.messenger.evaluate((el) => getComputedStyle(el).backgroundColor);
    await editor.previewPanel.getByRole('radio', { name: 'Dark' }).check();
    await expect(editor.messenger).toHaveAttribute('data-theme', 'dark');
    expect(await editor.messenger.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(light);
    expect((await editor.messenger.boundingBox())!.width).toBeLessThanOrEqual(362);
    await editor.previewPanel.getByRole('radio', { name: 'Desktop' }).check();
    await expect.poll(async () => (await editor.messenger.boundingBox())!.width).toBeGreaterThan(380);
  });

  test('clicking a card body in the preview selects it in the editor', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await editor.messenger.getByRole('article', { name: 'Card: Day pack' }).getByRole('heading').click();
    await expect(editor.selectedTreeItem).toHaveText(/^Card: Day pack/);
    await expect(editor.field('Title')).toHaveValue('Day pack');
  });

  test('sample values fill {{variables}} in the preview', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await expect(editor.messenger.getByText('Thanks! Your order A-10293 is confirmed.')).toBeVisible();
    await expect(editor.messenger.getByText('Arriving Friday 14 March')).toBeVisible();
    await page.getByLabel('Sample value of deliveryDate').fill('tomorrow');
    await expect(editor.messenger.getByText('Arriving tomorrow')).toBeVisible();
  });
});
