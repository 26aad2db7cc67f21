import { expect, test, type Browser, type Page } from '@playwright/test';
import { AuditPage } from '../pages/AuditPage.ts';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';
import { LibraryPage } from '../pages/LibraryPage.ts';
import { startExtraServer } from './extraServer.ts';

test('the audit log lists library and connection changes with who made them, filters by who and exports change-log.csv', async ({ page }) => {
  test.slow();
  const editor = new EditorPage(page);
  const library = new LibraryPage(page);
  const audit = new AuditPage(page);
  const name = `Change log ${Date.now()}`;

  // Save a design twice, then delete it.
  await editor.start(TEMPLATE_NAMES.order);
  await page.getByRole('textbox', { name: 'Design name' }).fill(name);
  await library.open();
  await library.save();
  await expect(library.status).toHaveText(`Saved “${name}” as version 1.`);
  await editor.select(/^Card: Order/);
  await editor.field('Title').fill('Order {{orderId}} shipped');
  await library.save();
  await expect(library.status).toHaveText(`Saved “${name}” as version 2.`);
  await library.actions(name).getByRole('button', { name: 'Delete' }).click();
  await library.actions(name).getByRole('button', { name: 'Confirm delete' }).click();
  await expect(library.actions(name)).toHaveCount(0);

  // A connection change: a sandbox fault, armed through the API the page uses (same cookies).
  // One harmless millisecond on the next guest call, so tests beside this one are not disturbed.
  const fault = await page.request.post('/api/sandbox/faults', { data: { route: 'guest', delayMs: 1, times: 1 } });
  expect(fault.status()).toBe(201);

  await audit.open();
  // The send log stays the default view.
  await expect(audit.view('Sends')).toHaveAttribute('aria-pressed', 'true');
  await audit.showChanges();
  const changes = audit.panel.getByRole('table', { name: 'Library and connection changes, newest first' });
  await expect(changes.getByRole('columnheader')).toHaveText(['When', 'Who', 'What', 'Design or connection']);
  const mine = changes.getByRole('row').filter({ hasText: name });
  await expect(mine).toHaveCount(3);
  // Newest first, each by "local" (a loopback server without sign-in).
  await expect(mine.nth(0).getByRole('cell')).toHaveText([/.+/, 'local', 'Deleted (was version 2)', name]);
  await expect(mine.nth(1).getByRole('cell')).toHaveText([/.+/, 'local', 'Saved version 2', name]);
  await expect(mine.nth(2).getByRole('cell')).toHaveText([/.+/, 'local', 'Created (version 1)', name]);
  const faultRow = changes.getByRole('row').filter({ hasText: 'Sandbox fault added: guest waits 1 ms for the next call' }).first();
  await expect(faultRow.getByRole('cell')).toHaveText([/.+/, 'local', 'Sandbox fault added: guest waits 1 ms for the next call', 'Connection (sandbox faults)']);

  // Who: "local" keeps these rows; the What filter narrows to connection changes.
  await expect(audit.whoFilter.getByRole('option')).toContainText(['Anyone', 'local']);
  await audit.whoFilter.selectOption('local');
  await expect(mine).toHaveCount(3);
  await audit.whatFilter.selectOption({ label: 'Connection changed' });
  await expect(mine).toHaveCount(0);
  await expect(faultRow).toBeVisible();
  await audit.whatFilter.selectOption({ label: 'Any change' });
  await expect(mine).toHaveCount(3);

  const csv = await audit.downloadCsv();
  expect(csv.name).toBe('change-log.csv');
  const lines = csv.text.trimEnd().split('\r\n');
  expect(lines[0]).toBe('id,at,actor,action,what,subject,subjectName,detail');
  const ours = lines.filter((l) => l.includes(name));
  expect(ours).toHaveLength(3);
  expect(ours[0]).toMatch(new RegExp(`^\\d+,[^,]+,local,design\\.delete,Deleted \\(was version 2\\),[^,]+,${name},"{""version"":2}"$`));
  expect(ours[1]).toContain(`,local,design.save,Saved version 2,`);
  expect(ours[2]).toContain(`,local,design.create,Created (version 1),`);
  expect(lines.some((l) => /,local,connection\.change,Sandbox fault added: guest waits 1 ms for the next call,connection,Sandbox faults,/.test(l))).toBe(true);
  // Every row is someone's: the Who filter was on.
  expect(lines.slice(1).every((l) => l.split(',')[2] === 'local')).toBe(true);

  // Back to the sends: the same Who filter applies there.
  await audit.view('Sends').click();
  await expect(audit.whoFilter).toHaveValue('local');
});

test.describe('with Sign in with Genesys Cloud', () => {
  let base = '';
  let stop = () => {};
  test.beforeAll(async () => {
    const server = await startExtraServer({ GENESYS_SIGNIN_CLIENT_ID: 'e2e-signin-client' });
    base = server.base;
    stop = server.stop;
  });
  test.afterAll(() => stop());

  /** Signs in as one of the sandbox's test users in a fresh browser context. */
  async function signedIn(browser: Browser, person: string): Promise<Page> {
    const page = await (await browser.newContext({ baseURL: base })).newPage();
    await page.goto('/');
    await page.getByRole('link', { name: 'Sign in with Genesys Cloud' }).click();
    await page.getByRole('button', { name: `Sign in as ${person}` }).click();
    await expect(new EditorPage(page).template(TEMPLATE_NAMES.order)).toBeVisible();
    return page;
  }

  test('each change names the person who made it, and the Who filter keeps one person\'s changes', async ({ browser }) => {
    test.slow();
    const ada = await signedIn(browser, 'Ada Lovelace');
    const grace = await signedIn(browser, 'Grace Hopper');
    for (const [page, name] of [
      [ada, 'Ada’s design'],
      [grace, 'Grace’s design'],
    ] as const) {
      const editor = new EditorPage(page);
      const library = new LibraryPage(page);
      await editor.template(TEMPLATE_NAMES.yesNo).click();
      await page.getByRole('textbox', { name: 'Design name' }).fill(name);
      await library.open();
      await library.save();
      await expect(library.status).toHaveText(`Saved “${name}” as version 1.`);
    }
    expect((await grace.request.delete('/api/sandbox/faults')).status()).toBe(200);

    const audit = new AuditPage(ada);
    await audit.open();
    await audit.showChanges();
    const changes = audit.panel.getByRole('table', { name: 'Library and connection changes, newest first' });
    await expect(changes.getByRole('row')).toHaveCount(4); // the header and three changes
    await expect(changes.getByRole('row').nth(1).getByRole('cell')).toHaveText([/.+/, 'Grace Hopper', 'Sandbox faults cleared (0 armed)', 'Connection (sandbox faults)']);
    await expect(changes.getByRole('row').nth(2).getByRole('cell')).toHaveText([/.+/, 'Grace Hopper', 'Created (version 1)', 'Grace’s design']);
    await expect(changes.getByRole('row').nth(3).getByRole('cell')).toHaveText([/.+/, 'Ada Lovelace', 'Created (version 1)', 'Ada’s design']);

    await audit.whoFilter.selectOption('Ada Lovelace');
    await expect(changes.getByRole('row')).toHaveCount(2);
    await expect(changes.getByRole('row').nth(1)).toContainText('Ada’s design');
    await audit.whoFilter.selectOption('Grace Hopper');
    await expect(changes.getByRole('row')).toHaveCount(3);
    const csv = await audit.downloadCsv();
    expect(csv.name).toBe('change-log.csv');
    expect(csv.text.trimEnd().split('\r\n').slice(1).map((l) => l.split(',').slice(2, 4).join(','))).toEqual([
      'Grace Hopper,connection.change',
      'Grace Hopper,design.create',
    ]);
    await ada.context().close();
    await grace.context().close();
  });
});
