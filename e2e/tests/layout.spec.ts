import { expect, test } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';
import { SendPage } from '../pages/SendPage.ts';

test.describe('layout', () => {
  test('the preview column scrolls on its own: the form stays in view', async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 700 });
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await editor.select(/^Card: Rain jacket/);
    const title = editor.field('Title');
    await expect(title).toBeInViewport();
    await editor.messenger.hover();
    await page.mouse.wheel(0, 3000);
    await page.waitForTimeout(300);
    await expect(title).toBeInViewport();
    await expect(editor.selectedTreeItem).toBeInViewport();
  });

  test('the JSON view can sit beside the preview, and a selected Message boxes no lines', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.openJson();
    await editor.select(/^Message/);
    await expect(page.locator('.cm-selected-node')).toHaveCount(0);
    await editor.select(/^Card/);
    await expect(page.locator('.cm-selected-node').first()).toBeVisible();
    await page.getByRole('button', { name: 'JSON beside preview' }).click();
    await expect(editor.jsonContent).toBeVisible();
    const json = (await page.getByRole('region', { name: 'JSON', exact: true }).boundingBox())!;
    const preview = (await editor.previewPanel.boundingBox())!;
    expect(json.x + json.width).toBeLessThanOrEqual(preview.x);
    expect(json.y).toBeLessThan(preview.y + preview.height);
    expect(preview.y).toBeLessThan(json.y + json.height);
  });

  test('usable at 390 px wide: one column, nothing wider than the screen, full-width inputs', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Card/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const field = (await editor.field('Title').boundingBox())!;
    expect(field.width).toBeGreaterThan(300);
    const tree = (await editor.outline.boundingBox())!;
    const props = (await editor.properties.boundingBox())!;
    expect(props.y).toBeGreaterThan(tree.y + tree.height - 1);
  });

  test('the Test send panel shows its result and timeline without a scroll box of its own', async ({ page }) => {
    test.slow();
    await page.setViewportSize({ width: 1440, height: 600 });
    const editor = new EditorPage(page);
    const send = new SendPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await send.sendToNewConversation();
    await expect(send.result).toContainText('sent');
    await expect(send.timeline).toBeVisible();
    const clipped = await send.panel.evaluate((el: HTMLElement) => {
      for (let e: HTMLElement | null = el; e && e !== document.body; e = e.parentElement) if (e.scrollHeight > e.clientHeight + 1 && getComputedStyle(e).overflowY !== 'visible') return true;
      return false;
    });
    expect(clipped).toBe(false);
  });
});
