/**
 * The editor never loses or misreports the user's work: an export that would be empty says
 * why (as Problems and a send do), and an imported reply previews all of its messages.
 */
import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';
import { SendPage } from '../pages/SendPage.ts';
import { AuditPage } from '../pages/AuditPage.ts';
import { examplePath as example } from '../../shared/src/testing/reference.ts';

const NOTHING_TO_SEND = /A bot cannot send this message: ListPicker is not allowed in a bot's reply/;

test.describe('a message a bot cannot send', () => {
  test.use({ permissions: ['clipboard-read', 'clipboard-write'] });

  test('says why in Problems, refuses the Bot Connector export with the same words, and exports the Genesys message', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.listPicker);
    await expect(editor.problems).toContainText(NOTHING_TO_SEND);
    await page.evaluate(() => navigator.clipboard.writeText('before'));
    const io = await editor.openImportExport();
    await io.getByLabel('Export format').selectOption('botconnector-v2');
    await io.getByRole('button', { name: 'Copy to clipboard' }).click();
    await expect(io.getByRole('status')).toHaveText('Nothing was exported as a Bot Connector v2 reply.');
    await expect(io.getByRole('list', { name: 'Export issues' })).toContainText(NOTHING_TO_SEND);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('before');
    await io.getByLabel('Export format').selectOption('message');
    await io.getByRole('button', { name: 'Copy to clipboard' }).click();
    await expect(io.getByRole('status')).toHaveText('Copied the Genesys message to the clipboard.');
    await expect(io.getByRole('list', { name: 'Export issues' })).toHaveCount(0);
    expect(JSON.parse(await page.evaluate(() => navigator.clipboard.readText()))).toMatchObject({ content: [{ contentType: 'ListPicker' }] });
  });

  test('a test send is refused with the reason Problems gives', async ({ page }) => {
    const editor = new EditorPage(page);
    const send = new SendPage(page);
    await editor.start(TEMPLATE_NAMES.listPicker);
    await send.open();
    await send.startConversation();
    await send.send();
    await expect(send.alert).toContainText('nothing a bot may send; nothing was sent');
    await expect(send.alert).toContainText(NOTHING_TO_SEND);
    await expect(send.alert).toContainText('Export it as a Genesys message instead');
    // The refusal is in the audit log, with its reason.
    const audit = new AuditPage(page);
    await audit.open();
    const row = audit.table.getByRole('row').nth(1);
    await expect(row).toContainText('List picker');
    await expect(row).toContainText('failed');
    await row.getByRole('button', { name: /^Open send/ }).click();
    await expect(audit.panel.getByRole('region', { name: /^Send / })).toContainText('Refused before sending');
    await expect(audit.panel.getByRole('region', { name: /^Send / })).toContainText(NOTHING_TO_SEND);
  });
});

test('an imported Bot Connector reply previews every reply message, in order', async ({ page }) => {
  const editor = new EditorPage(page);
  await editor.start(TEMPLATE_NAMES.blank);
  const io = await editor.openImportExport();
  await io.getByLabel('Open a JSON file').setInputFiles(example('botconnector-v2-messages-response.json'));
  await expect(io.getByRole('status')).toHaveText(/^Imported botconnector-v2-messages-response\.json as /);
  await expect(editor.messenger.getByRole('group', { name: 'Reply message 1 of 2' })).toHaveText('your cookie is ordered');
  const text = (await editor.messenger.innerText()).replace(/\s+/g, ' ');
  expect(text).toMatch(/your cookie is ordered.*What would you like to do\?.*I want a cookie/);
  await expect(editor.messenger.getByRole('group', { name: 'Quick replies' }).getByRole('button')).toHaveText(['I want a cookie']);
});
