import { expect, test, type Page } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';
import { startExtraServer } from './extraServer.ts';

/** A second server with APP_ACCESS_TOKEN set, next to the suite's open one. */
const TOKEN = 'e2e-access-token-5f1c8a2b9d';
let BASE = '';
let stop = () => {};

test.beforeAll(async () => {
  const server = await startExtraServer({ APP_ACCESS_TOKEN: TOKEN });
  BASE = server.base;
  stop = server.stop;
});

test.afterAll(() => stop());

const tokenField = (page: Page) => page.getByLabel('Access token');
const signInButton = (page: Page) => page.getByRole('button', { name: 'Sign in' });

async function signIn(page: Page, token = TOKEN) {
  await tokenField(page).fill(token);
  await signInButton(page).click();
  // With the right token, done means the server's answer (and its cookie) arrived: the form goes.
  if (token === TOKEN) await expect(tokenField(page)).toHaveCount(0);
}

test('the app asks for the access token, says when it is wrong, and opens the editor with the right one', async ({ page }) => {
  await page.goto(`${BASE}/`);
  await expect(page.getByRole('heading', { name: 'Rich Message Designer' })).toBeVisible();
  await expect(tokenField(page)).toHaveAttribute('type', 'password');
  await expect(page.getByText('APP_ACCESS_TOKEN')).toBeVisible();
  await signIn(page, 'not-the-token-at-all');
  await expect(page.getByRole('alert')).toHaveText(/access token is wrong/);
  await signIn(page);
  const editor = new EditorPage(page);
  await expect(editor.template(TEMPLATE_NAMES.order)).toBeVisible();
  await expect(tokenField(page)).toHaveCount(0);
});

test('an ended session brings the sign-in page back without losing the design', async ({ page, context }) => {
  // Two sign-ins, a reload and a second server on a busy 2-core machine: more time, no other change.
  test.slow();
  await page.goto(`${BASE}/`);
  await signIn(page);
  const editor = new EditorPage(page);
  await editor.template(TEMPLATE_NAMES.order).click();
  await page.getByLabel('Design name').fill('Kept across sign-in');
  // The session ends behind the page's back (expiry, or a sign-out in another tab).
  await context.clearCookies();
  // Any request now meets the 401: opening the Library makes one, unless a background poll
  // already did and the sign-in page covers the editor (then the click has nothing to reach).
  const ended = page.getByText('Your session has ended');
  if (!(await ended.isVisible())) {
    await page.getByRole('navigation', { name: 'Server panels' }).getByRole('button', { name: 'Library' }).click({ timeout: 10_000 }).catch(() => undefined);
  }
  await expect(ended).toBeVisible();
  await signIn(page);
  await expect(page.getByLabel('Design name')).toHaveValue('Kept across sign-in');
  // A reload without a session: the design comes back from the local draft.
  await context.clearCookies();
  await page.reload();
  await signIn(page);
  await expect(page.getByLabel('Design name')).toHaveValue('Kept across sign-in');
});

test('signing out ends the session on the server: the old cookie is refused', async ({ page, context }) => {
  await page.goto(`${BASE}/`);
  await signIn(page);
  const [cookie] = await context.cookies(BASE);
  expect(cookie?.name).toBe('grmd_session');
  expect(cookie?.httpOnly).toBe(true);
  const header = { Cookie: `${cookie!.name}=${cookie!.value}` };
  expect((await fetch(`${BASE}/api/designs`, { headers: header })).status).toBe(200);
  const editor = new EditorPage(page);
  await editor.template(TEMPLATE_NAMES.blank).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(tokenField(page)).toBeVisible();
  await expect(page.getByText('You are signed out.')).toBeVisible();
  const replay = await fetch(`${BASE}/api/designs`, { headers: header });
  expect(replay.status).toBe(401);
  expect(((await replay.json()) as { error: { code: string } }).error.code).toBe('unauthenticated');
});
