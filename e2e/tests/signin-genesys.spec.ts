import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';
import { startExtraServer } from './extraServer.ts';

/**
 * A server with Sign in with Genesys Cloud, in sandbox mode: the sandbox plays login.{domain}
 * (its authorize page lists fixed test users) and users/me.
 */
let BASE = '';
let stop = () => {};

test.beforeAll(async () => {
  const server = await startExtraServer({ GENESYS_SIGNIN_CLIENT_ID: 'e2e-signin-client' });
  BASE = server.base;
  stop = server.stop;
});

test.afterAll(() => stop());

test('a person signs in with Genesys Cloud and their name is in the audit log of what they sent', async ({ page }) => {
  await page.goto(`${BASE}/`);
  await page.getByRole('link', { name: 'Sign in with Genesys Cloud' }).click();
  // The sandbox's authorize page, on its own origin.
  await expect(page.getByRole('heading', { name: /Genesys Cloud \(sandbox\) sign-in/ })).toBeVisible();
  await page.getByRole('button', { name: 'Sign in as Ada Lovelace' }).click();
  const editor = new EditorPage(page);
  await expect(editor.template(TEMPLATE_NAMES.order)).toBeVisible();
  expect(new URL(page.url()).origin).toBe(BASE);

  // A send in her session, through the API the page uses (same cookies).
  const conv = await page.request.post(`${BASE}/api/test-conversations`, { data: {} });
  expect(conv.status()).toBe(201);
  let botSessionId: string | null = ((await conv.json()) as { botSessionId: string | null }).botSessionId;
  const id = ((await conv.json()) as { id: string }).id;
  for (let i = 0; !botSessionId && i < 50; i++) {
    await page.waitForTimeout(100);
    botSessionId = ((await (await page.request.get(`${BASE}/api/test-conversations/${id}`)).json()) as { botSessionId: string | null }).botSessionId;
  }
  const sent = await page.request.post(`${BASE}/api/sends`, {
    headers: { 'Idempotency-Key': 'e2e-genesys-signin-1' },
    data: { message: { type: 'Text', text: 'Hello from Ada' }, target: { kind: 'botSession', botSessionId } },
  });
  expect(((await sent.json()) as { status: string }).status).toBe('sent');

  await editor.template(TEMPLATE_NAMES.order).click();
  await page.getByRole('navigation', { name: 'Server panels' }).getByRole('button', { name: 'Audit log' }).click();
  const audit = page.getByRole('region', { name: 'Audit log' });
  await expect(audit.getByRole('columnheader', { name: 'Who' })).toBeVisible();
  await expect(audit.getByRole('cell', { name: 'Ada Lovelace' })).toBeVisible();
  await audit.getByLabel('Who').selectOption('Ada Lovelace');
  await expect(audit.getByRole('cell', { name: 'Ada Lovelace' })).toHaveCount(1);
});

test('a person outside the allowed group is told so on the sign-in page', async ({ page }) => {
  await page.goto(`${BASE}/?signin_error=${encodeURIComponent('Grace Hopper is not in the group allowed to use this designer')}`);
  await expect(page.getByRole('alert')).toHaveText(/Grace Hopper is not in the group/);
  expect(new URL(page.url()).search).toBe('');
});
