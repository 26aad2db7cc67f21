import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { EditorPage, TEMPLATE_NAMES } from '../pages/EditorPage.ts';

async function seriousViolations(page: Page) {
  // @axe-core/playwright types its own playwright-core copy; the page object is the same at run time.
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
}

test.describe('accessibility (axe-core)', () => {
  test('the gallery has no serious or critical violations', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.goto();
    await expect(editor.galleryHeading).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the editor has no serious or critical violations', async ({ page }) => {
    test.slow();
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await editor.select(/^Button: Track order/);
    await expect(editor.field('Link URL')).toBeVisible();
    await expect(editor.problems).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await editor.previewPanel.getByRole('radio', { name: 'Dark' }).check();
    await editor.messenger.getByRole('button', { name: 'Contact support' }).click();
    await editor.openImportExport();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the JSON view has no serious or critical violations', async ({ page }) => {
    test.slow();
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.carousel);
    await editor.openJson();
    await editor.select(/^Card: Rain jacket/);
    await expect(page.locator('.cm-selected-node').first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('focus is visible on keyboard navigation', async ({ page }) => {
    const editor = new EditorPage(page);
    await editor.start(TEMPLATE_NAMES.order);
    await page.keyboard.press('Tab');
    const outline = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);
  });
});
