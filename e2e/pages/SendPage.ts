/** Page object for the Test send panel: test conversation, guest view, sessions, send, result. */
import { expect, type Page } from '@playwright/test';

export class SendPage {
  constructor(readonly page: Page) {}

  get tabButton() {
    return this.page.getByRole('navigation', { name: 'Server panels' }).getByRole('button', { name: 'Test send' });
  }
  get panel() {
    return this.page.getByRole('region', { name: 'Test send' });
  }
  async open() {
    if ((await this.tabButton.getAttribute('aria-pressed')) !== 'true') await this.tabButton.click();
    await expect(this.panel).toBeVisible();
  }
  get sandboxBanner() {
    return this.page.getByTestId('sandbox-banner');
  }
  async startConversation() {
    await this.panel.getByRole('button', { name: /^Start (a new )?test conversation$/ }).click();
    await expect(this.guestView).toBeVisible();
    // The bot answers the guest's hello on its session: then the session is the send target.
    await expect(this.conversationStatus).toContainText('bot session', { timeout: 10_000 });
    await expect(this.conversationStatus).not.toContainText('waiting');
  }
  get conversationStatus() {
    return this.page.getByTestId('conversation-status');
  }
  get guestView() {
    return this.page.getByRole('log', { name: 'Guest view' });
  }
  guestMessages() {
    return this.page.getByTestId('guest-message');
  }
  get sessions() {
    return this.panel.getByRole('list', { name: 'Bot sessions' });
  }
  get sessionField() {
    return this.panel.getByLabel('Bot session', { exact: true });
  }
  get sendButton() {
    return this.panel.getByRole('button', { name: /^(Send test card|Sending…)$/ });
  }
  get endSession() {
    return this.panel.getByRole('checkbox', { name: /End the bot session/ });
  }
  get progress() {
    return this.page.getByTestId('send-progress');
  }
  get result() {
    return this.page.getByTestId('send-result');
  }
  get attempts() {
    return this.page.getByTestId('send-attempts');
  }
  get timeline() {
    return this.panel.getByRole('list', { name: 'Send timeline' });
  }
  get compareSummary() {
    return this.page.getByTestId('compare-summary');
  }
  get alert() {
    return this.panel.getByRole('alert');
  }
  get armedStatus() {
    return this.page.getByTestId('armed-status');
  }
  async sayAsCustomer(text: string) {
    await this.panel.getByRole('textbox', { name: 'Type as the customer' }).fill(text);
    await this.panel.getByRole('button', { name: 'Send as customer' }).click();
  }
  async send() {
    await this.page.getByRole('button', { name: 'Send test card' }).click();
  }
  /** The common journey: open Test send, start a test conversation, send the card. */
  async sendToNewConversation() {
    await this.open();
    await this.startConversation();
    await this.send();
  }
}
