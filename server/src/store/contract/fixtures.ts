/** What the contract's parts share: fresh stores per test and small builders of inputs. */
import { afterEach, beforeEach } from 'vitest';
import type { BotConnectorRequest, Design, ReplyMessage } from '@grmd/shared';
import type { BeginInput, Stores } from '../ports.ts';

export type OpenStores = () => Promise<{ stores: Stores; cleanup(): Promise<void> }>;

/** The stores of the running test (fresh and empty in each). */
export type CurrentStores = () => Stores;

export function useFreshStores(open: OpenStores): CurrentStores {
  let current: { stores: Stores; cleanup(): Promise<void> } | null = null;
  beforeEach(async () => {
    current = await open();
  });
  afterEach(async () => {
    const c = current;
    current = null;
    await c?.cleanup();
  });
  return () => {
    if (!current) throw new Error('The stores are opened per test (beforeEach)');
    return current.stores;
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function design(id: string, name: string, title = 'Hello'): Design {
  return {
    formatVersion: 1,
    id,
    name,
    channel: 'webmessaging',
    variables: [],
    root: { id: 'root', kind: 'message', props: {}, children: [{ id: 'c1', kind: 'card', props: { title }, children: [] }] },
  };
}

export function sendInput(key: string, more: Partial<BeginInput> = {}): BeginInput {
  return {
    idempotencyKey: key,
    requestHash: `hash-of-${key}`,
    target: { kind: 'botSession', botSessionId: 'b-1' },
    channel: 'webmessaging',
    designId: 'd-1',
    designName: 'Welcome card',
    message: { type: 'Structured', content: [{ contentType: 'Card', card: { title: 'Hi' } }] },
    text: null,
    actor: 'Ada',
    ...more,
  };
}

export function inbound(botSessionId: string, more: Partial<BotConnectorRequest> = {}): BotConnectorRequest {
  return {
    botId: 'bot-1',
    botVersion: 'v1',
    botSessionId,
    messageId: `m-${Math.random().toString(36).slice(2)}`,
    inputMessage: { type: 'Text', text: 'hello' },
    languageCode: 'en-us',
    botSessionTimeout: 60,
    genesysConversationId: `conv-${botSessionId}`,
    parameters: { channel: 'webmessaging' },
    ...more,
  };
}

export const REPLY: ReplyMessage[] = [{ type: 'Text', text: 'Armed hello' }];

/** Whether `p` settles within `ms` (it keeps running either way). */
export async function settlesWithin(p: Promise<unknown>, ms: number): Promise<boolean> {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await sleep(ms);
  return done;
}
