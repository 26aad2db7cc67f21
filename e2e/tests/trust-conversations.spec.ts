/**
 * Issue 14, items 4 and 5: test conversations end (a reload, the End button, a new one in the
 * tab) instead of piling up as "open", and a reply armed for the bot's next answer is in the
 * audit log as a send, with who armed it.
 */
import { expect, test, type Page } from '@playwright/test';
import { AuditPage } from '../pages/AuditPage.ts';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';
import { SendPage } from '../pages/SendPage.ts';
import { startExtraServer } from './extraServer.ts';

type Listed = { id: string; status: string; botSessionId: string | null; ended: { reason: string } | null; botSession: { status: string } | null };

const tabConversation = (page: Page) => page.evaluate(() => sessionStorage.getItem('grmd.test.conversation'));

/** Starts a test conversation in the tab and waits until it is the tab's, open and linked to its bot session. */
async function startNew(page: Page, send: SendPage): Promise<string> {
  const before = await tabConversation(page);
  await send.panel.getByRole('button', { name: /^Start (a new )?test conversation$/ }).click();
  await expect.poll(() => tabConversation(page)).not.toBe(before);
  await expect(send.conversationStatus).toContainText(/^Status: open · bot session /, { timeout: 10_000 });
  return (await tabConversation(page))!;
}

const row = (send: SendPage, id: string) => send.panel.getByRole('list', { name: 'Test conversations' }).locator(`li[data-conversation-id="${id}"]`);

test('after two reloads only the newest test conversation is open; the reloaded ones are listed as ended and their guests are gone', async ({ page, request }) => {
  const editor = new EditorPage(page);
  const send = new SendPage(page);
  await editor.start(TEMPLATE_NAMES.yesNo);
  await send.open();

  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    ids.push(await startNew(page, send));
    if (i === 2) break;
    await page.reload();
    // The tab still shows its conversation after the reload, as ended by it.
    await expect(send.conversationStatus).toContainText('Status: ended (ended when its page was reloaded or closed');
    await expect(send.guestView).toBeVisible();
  }

  await expect(row(send, ids[2]!)).toContainText(/^open This tab/);
  for (const id of ids.slice(0, 2)) await expect(row(send, id)).toContainText(/^ended .*ended when its page was reloaded or closed/);
  await expect(row(send, ids[0]!).getByRole('button', { name: /^End test conversation/ })).toHaveCount(0);

  const items = ((await (await request.get('/api/test-conversations')).json()) as { items: Listed[] }).items.filter((x) => ids.includes(x.id));
  expect(items.filter((x) => !x.ended).map((x) => x.id)).toEqual([ids[2]]);
  expect(items.filter((x) => x.ended).map((x) => [x.ended!.reason, x.status, x.botSession?.status])).toEqual([
    ['unload', 'closed', 'closed'],
    ['unload', 'closed', 'closed'],
  ]);
  // The guest connection of a reloaded one is closed: the customer can say nothing more in it.
  const said = await request.post(`/api/test-conversations/${ids[0]}/messages`, { data: { text: 'anyone?' } });
  expect(said.status()).toBe(409);
  // And its bot session is not listed as open either.
  const reloaded = items.find((x) => x.id === ids[0])!;
  await expect(send.sessions.getByRole('button', { name: new RegExp(reloaded.botSessionId!.slice(0, 8)) })).toContainText(/^closed/);
});

test('the End button ends a test conversation, and a new one ends the previous one of the tab', async ({ page }) => {
  const editor = new EditorPage(page);
  const send = new SendPage(page);
  await editor.start(TEMPLATE_NAMES.yesNo);
  await send.open();

  const first = await startNew(page, send);
  const second = await startNew(page, send);
  await expect(row(send, first)).toContainText('ended when a new one started');
  await expect(row(send, second)).toContainText(/^open This tab/);

  await row(send, second).getByRole('button', { name: `End test conversation ${second.slice(0, 8)}` }).click();
  await expect(row(send, second)).toContainText(/^ended This tab .*ended with End/);
  await expect(send.conversationStatus).toContainText('Status: ended (ended with End');
  await expect(send.conversationStatus).toContainText('(closed)');
  await expect(send.panel.getByRole('textbox', { name: 'Type as the customer' })).toBeDisabled();
  await expect(send.panel.getByRole('button', { name: 'End this test conversation' })).toHaveCount(0);
});

test.describe('with Sign in with Genesys Cloud', () => {
  let base = '';
  let stop = () => {};
  test.beforeAll(async () => {
    ({ base, stop } = await startExtraServer({ GENESYS_SIGNIN_CLIENT_ID: 'e2e-signin-client' }));
  });
  test.afterAll(() => stop());

  test('a card Ada arms as the bot’s reply is in the audit log as a bot reply, sent, and hers', async ({ browser }) => {
    test.slow();
    const page = await (await browser.newContext({ baseURL: base })).newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in with Genesys Cloud' }).click();
    await page.getByRole('button', { name: 'Sign in as Ada Lovelace' }).click();
    const editor = new EditorPage(page);
    const send = new SendPage(page);
    const audit = new AuditPage(page);
    const name = `Armed ${Date.now()}`;
    await editor.template(TEMPLATE_NAMES.order).click();
    await page.getByRole('textbox', { name: 'Design name' }).fill(name);
    await send.open();
    await send.startConversation();
    await send.panel.getByRole('radio', { name: /as the bot’s reply to the customer’s next message/ }).check();
    await send.panel.getByRole('button', { name: 'Arm as the next reply' }).click();
    await expect(send.armedStatus).toContainText('Armed: the bot returns this design');

    // Armed is not sent yet: the log has nothing of this design.
    await audit.open();
    await audit.textFilter.fill(name);
    await expect(audit.panel).toContainText('No sends match these filters');

    await send.open();
    await send.sayAsCustomer('Where is my order?');
    await expect(send.guestMessages()).toHaveCount(1);

    await audit.open();
    await audit.textFilter.fill(name);
    await audit.panel.getByRole('button', { name: 'Refresh' }).click();
    const reply = audit.row(name);
    await expect(reply).toHaveCount(1);
    await expect(reply.getByRole('cell').nth(2)).toHaveText(/^Bot reply [0-9a-f-]{8}$/);
    await expect(reply.getByRole('cell').nth(3)).toHaveText('sent');
    await expect(reply.getByRole('cell').nth(4)).toHaveText('Ada Lovelace');
    await audit.whoFilter.selectOption('Ada Lovelace');
    await expect(audit.row(name)).toHaveCount(1);
    await reply.getByRole('button', { name: /^Open send/ }).click();
    const detail = audit.panel.getByRole('region', { name: /^Send / });
    await expect(detail).toContainText(/Bot reply \(replyMessages\) in bot session [0-9a-f-]+, answering message /);
    await expect(detail.getByLabel('What was sent')).toContainText('"replyMessages"');
    await page.context().close();
  });
});
