/**
 * Tests that send share one file: they run one after another, so a fault injected into the
 * sandbox for one test is never met by another test's send.
 *
 * The whole story as a new user walks it, against the real server in sandbox mode: design,
 * test conversation, send to its bot session, see it in the guest view, tap, save, audit.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';
import { SendPage } from '../pages/SendPage.ts';
import { LibraryPage } from '../pages/LibraryPage.ts';
import { AuditPage } from '../pages/AuditPage.ts';

/**
 * The README's screenshots come from the story run. They go to docs/ only with
 * UPDATE_DOCS_SCREENSHOTS=1, so an ordinary test run leaves the committed PNGs alone.
 */
const shotDir = process.env.UPDATE_DOCS_SCREENSHOTS === '1' ? 'docs' : 'test-results/screenshots';

async function seriousViolations(page: Page) {
  // @axe-core/playwright types its own playwright-core copy; the page object is the same at run time.
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

test('a new user designs an order confirmation, sends it to a test conversation, taps it, saves it and finds the send in the audit log', async ({ page }) => {
  test.slow();
  const editor = new EditorPage(page);
  const send = new SendPage(page);
  const name = `Story ${Date.now()}`;

  await editor.start(TEMPLATE_NAMES.order);
  await expect(send.sandboxBanner).toContainText('Sandbox mode');
  await page.getByRole('textbox', { name: 'Design name' }).fill(name);

  // Change the title and a button: Track order becomes a postback the bot receives.
  await editor.select(/^Card: Order/);
  await editor.field('Title').fill('Order {{orderId}} is on its way');
  await editor.select(/^Button: Track order/);
  await editor.properties.getByRole('radio', { name: 'Postback' }).check();
  await editor.field('Payload').fill('track_order');
  await expect(editor.messenger.getByRole('button', { name: 'Track order' })).toBeVisible();

  await page.locator('.workspace').screenshot({ path: `${shotDir}/editor.png` });
  await send.open();
  await send.startConversation();
  await expect(send.sessionField).not.toHaveValue('');
  await expect(send.sessions.getByRole('button', { pressed: true })).toContainText('Test conversation');
  const before = await send.guestMessages().count();

  await send.send();
  await expect(send.result).toContainText('sent');
  await expect(send.attempts).toHaveText('1');
  await expect(send.guestMessages()).toHaveCount(before + 1);
  const arrived = send.guestMessages().last();
  await expect(arrived.getByRole('heading', { name: 'Order A-10293 is on its way' })).toBeVisible();
  // Identical to the preview: the same components draw the same markup.
  const previewHtml = await page.getByTestId('messenger').locator('.messenger-body').innerHTML();
  expect(await arrived.innerHTML()).toBe(previewHtml);
  await expect(send.compareSummary).toHaveText('Identical: the guest received exactly what was sent.');
  await send.panel.screenshot({ path: `${shotDir}/test-send.png` });

  await arrived.getByRole('button', { name: 'Track order' }).click();
  await expect(send.timeline).toContainText('Customer tapped “Track order” → ButtonResponse Button, payload track_order');

  const library = new LibraryPage(page);
  await library.open();
  await library.save();
  await expect(library.status).toContainText(`Saved “${name}” as version 1.`);
  await expect(library.list).toContainText(name);

  const audit = new AuditPage(page);
  await audit.open();
  const row = audit.row(name);
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('sent');
  await row.getByRole('button', { name: /^Open send/ }).click();
  await expect(audit.panel.getByRole('region', { name: /^Send / })).toContainText('Order {{orderId}} is on its way'.replace('{{orderId}}', 'A-10293'));
  expect(editor.pageErrors).toEqual([]);
});

test.describe('sending problems', () => {
  test.afterEach(async ({ request }) => {
    await request.delete('/api/sandbox/faults');
  });

  test('a 429 storm shows the retry countdown and still delivers the card exactly once', async ({ page, request }) => {
    test.slow();
    const editor = new EditorPage(page);
    const send = new SendPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await send.open();
    await send.startConversation();
    const before = await send.guestMessages().count();
    const fault = await request.post('/api/sandbox/faults', { data: { route: 'outgoing', status: 429, retryAfterSeconds: 2, times: 2 } });
    expect(fault.status()).toBe(201);

    await send.send();
    await expect(send.progress).toContainText(/Genesys answered 429 \(rate limited\): retrying in [12] s \(attempt 2\)/);
    await expect(send.progress).toContainText(/retrying in [12] s \(attempt 3\)/, { timeout: 10_000 });
    await expect(send.result).toContainText('sent', { timeout: 10_000 });
    await expect(send.attempts).toHaveText('3');
    await expect(send.guestMessages()).toHaveCount(before + 1);
    await expect(send.compareSummary).toContainText('Identical');
  });

  test('a card armed as the bot reply reaches the guest when the customer writes next, through replyMessages', async ({ page, request }) => {
    const editor = new EditorPage(page);
    const send = new SendPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await send.open();
    await send.startConversation();
    await send.panel.getByRole('radio', { name: /as the bot’s reply to the customer’s next message/ }).check();
    await send.panel.getByRole('button', { name: 'Arm as the next reply' }).click();
    await expect(send.armedStatus).toContainText('Armed: the bot returns this design');
    await expect(send.guestMessages()).toHaveCount(0);

    await send.sayAsCustomer('Where is my order?');
    await expect(send.guestMessages()).toHaveCount(1);
    await expect(send.guestMessages().last().getByRole('heading', { name: 'Order A-10293 confirmed' })).toBeVisible();
    await expect(send.armedStatus).toContainText('Sent as the bot’s reply to “Where is my order?”');

    // Armed and then disarmed: the next message gets no card.
    await send.panel.getByRole('button', { name: 'Arm as the next reply' }).click();
    await send.panel.getByRole('button', { name: 'Disarm' }).click();
    await expect(send.armedStatus).not.toContainText('Armed:');
    await send.sayAsCustomer('Thanks');
    await expect(send.guestView).toContainText('Thanks');
    // Once the bot has seen "Thanks", its answer is decided: the session holds one reply only.
    const botSessionId = await send.sessionField.inputValue();
    const timeline = async () => ((await (await request.get(`/api/sessions/${botSessionId}`)).json()) as { timeline: { kind: string; text?: string }[] }).timeline;
    await expect.poll(async () => (await timeline()).some((e) => e.kind === 'text' && e.text === 'Thanks')).toBe(true);
    expect((await timeline()).filter((e) => e.kind === 'reply')).toHaveLength(1);
    await expect(send.guestMessages()).toHaveCount(1);
  });

  test('a send to a closed bot session explains the 409 and what to do next', async ({ page }) => {
    const editor = new EditorPage(page);
    const send = new SendPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await send.open();
    await send.startConversation();
    await send.endSession.check();
    await send.send();
    await expect(send.result).toContainText('sent');
    await expect(send.sessions.getByRole('button', { pressed: true })).toContainText('closed');

    await send.endSession.uncheck();
    await send.send();
    await expect(send.result).toContainText('failed');
    await expect(send.alert).toContainText('The bot session is closed (409 session.already.closed)');
    await expect(send.alert).toContainText('Start a new test conversation and send to its new session.');
  });

  test('an invalid design is refused with each problem and its path, and nothing reaches the guest', async ({ page }) => {
    const editor = new EditorPage(page);
    const send = new SendPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Button: Track order/);
    await editor.field('Link URL').fill('javascript:alert(1)');
    await send.open();
    await send.startConversation();
    const before = await send.guestMessages().count();
    await send.send();
    await expect(send.alert).toContainText('The message has errors; nothing was sent');
    await expect(send.alert).toContainText('content[0].card.actions[0].url');
    await expect(send.alert).toContainText('Fix the problems listed, then try again.');
    await expect(send.sendButton).toHaveText('Send test card');
    expect(await send.guestMessages().count()).toBe(before);
  });

  test('a reload keeps the design, the open panel, the test conversation and the last result', async ({ page }) => {
    const editor = new EditorPage(page);
    const send = new SendPage(page);
    await editor.start(TEMPLATE_NAMES.yesNo);
    await editor.select(/^Message/);
    await editor.field('Message text').fill('Shall we ship it?');
    await send.sendToNewConversation();
    await expect(send.result).toContainText('sent');
    const id = await send.result.locator('code').first().textContent();
    await expect(send.guestMessages().last()).toContainText('Shall we ship it?');

    await page.reload();
    await expect(editor.messenger).toContainText('Shall we ship it?');
    await expect(send.panel).toBeVisible();
    await expect(send.guestMessages().last()).toContainText('Shall we ship it?');
    await expect(send.result.locator('code').first()).toHaveText(id!);
    await expect(send.sessionField).not.toHaveValue('');
  });
});

test('the audit log filters sends, explains a failure, shows the success rate and exports CSV', async ({ page, request }) => {
  test.slow();
  const editor = new EditorPage(page);
  const send = new SendPage(page);
  const audit = new AuditPage(page);
  const name = `Audit ${Date.now()}`;
  await editor.start(TEMPLATE_NAMES.yesNo);
  await page.getByRole('textbox', { name: 'Design name' }).fill(name);
  await send.sendToNewConversation();
  await expect(send.result).toContainText('sent');
  // The card reaches the guest over its socket a moment after the send's answer.
  await expect(send.guestMessages()).toHaveCount(1);

  // A role without the Bot Connector permission: Genesys answers 403.
  await request.post('/api/sandbox/faults', { data: { route: 'outgoing', status: 403, times: 1 } });
  await send.send();
  await expect(send.result).toContainText('failed');
  await expect(send.alert).toContainText('The OAuth client lacks a permission (403)');
  await expect(send.alert).toContainText('integration:botconnector:send');

  // The text fallback through the agent send endpoint reaches the same guest.
  await send.panel.getByRole('radio', { name: /^Conversation id/ }).check();
  await send.panel.getByRole('button', { name: 'Use the test conversation’s id' }).click();
  await send.send();
  await expect(send.result).toContainText('sent');
  await expect(send.guestMessages()).toHaveCount(2);
  await expect(send.guestMessages().last()).toContainText('Do you want to proceed?');

  await audit.open();
  await audit.textFilter.fill(name);
  await expect(audit.row(name)).toHaveCount(3);
  await expect(audit.panel.getByTestId('success-rate')).toHaveText(/^\d+(\.\d)? %$/);
  await audit.statusFilter.selectOption('failed');
  await expect(audit.row(name)).toHaveCount(1);
  await audit.row(name).getByRole('button', { name: /^Open send/ }).click();
  await expect(audit.panel.getByRole('region', { name: /^Send / })).toContainText('The OAuth client lacks a permission (403)');

  const [download] = await Promise.all([page.waitForEvent('download'), audit.panel.getByRole('link', { name: 'Export CSV' }).click()]);
  const csv = await (await download.createReadStream()).toArray().then((chunks) => Buffer.concat(chunks).toString('utf8'));
  const lines = csv.trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^id,createdAt,completedAt,status,designName/);
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`,failed,${name},botSession,`);
  expect(lines[1]).toContain('403');
});

test('the new screens have no serious or critical accessibility violations', async ({ page }) => {
  test.slow();
  const editor = new EditorPage(page);
  const send = new SendPage(page);
  await editor.start(TEMPLATE_NAMES.order);
  await send.sendToNewConversation();
  await expect(send.compareSummary).toContainText('Identical');
  expect(await seriousViolations(page)).toEqual([]);
  await send.panel.getByRole('radio', { name: /as the bot’s reply/ }).check();
  await send.panel.getByRole('button', { name: 'Arm as the next reply' }).click();
  await expect(send.armedStatus).toContainText('Armed');
  expect(await seriousViolations(page)).toEqual([]);

  const library = new LibraryPage(page);
  await library.open();
  await library.save();
  await expect(library.status).toContainText('version 1');
  await library.actions('Order confirmation').first().getByRole('button', { name: 'History' }).click();
  await expect(library.panel.getByRole('region', { name: 'Version history' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  const audit = new AuditPage(page);
  await audit.open();
  await audit.table.getByRole('button', { name: /^Open send/ }).first().click();
  await expect(audit.panel.getByRole('region', { name: /^Send / })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await audit.showChanges();
  await expect(audit.panel.getByRole('table', { name: 'Library and connection changes, newest first' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('navigation', { name: 'Server panels' }).getByRole('button', { name: 'Connection' }).click();
  await expect(page.getByTestId('token-status')).toContainText('OK');
  const connection = page.getByRole('region', { name: 'Connection' });
  await expect(connection).toContainText('Sandbox (simulated Genesys Cloud)');
  await expect(connection.getByRole('definition').filter({ hasText: /^sand…[0-9a-f]{4}$/ })).toHaveCount(1);
  await expect(connection).toContainText('RichMessageDesigner (rich-message-designer, version v1)');
  await expect(connection).toContainText('sandbox-deployment (origin http://127.0.0.1:3000)');
  expect(await seriousViolations(page)).toEqual([]);
});
