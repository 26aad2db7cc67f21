import { describe, expect, it } from 'vitest';
import { CHANNEL_IDS } from '../model/channels.ts';
import { exportDesign } from '../transform/export.ts';
import { sdkTypeErrors, type SdkBody } from '../testing/sdkTypes.ts';
import { contractDesigns } from './fixtures.ts';

// One tsc pass over a few hundred generated files and the SDK's 2.6 MB of types: generous, as
// it measures nothing about speed.
const TSC_TIMEOUT = 120_000;

describe('normalized-message exports against the official Platform SDK models', () => {
  it(
    'types every message export of every contract design, for every channel, as ConversationNormalizedMessage',
    () => {
      const bodies: SdkBody[] = [];
      for (const { name, design } of contractDesigns()) {
        for (const channel of [undefined, ...CHANNEL_IDS]) {
          const { output } = exportDesign(design, 'message', channel ? { channel } : {});
          bodies.push({ name: `${name} for ${channel ?? 'no channel'}`, model: 'ConversationNormalizedMessage', body: output });
        }
      }
      expect(sdkTypeErrors(bodies)).toEqual([]);
    },
    TSC_TIMEOUT,
  );

  it(
    'reports an Open Messaging envelope key and a mistyped field (negative control)',
    () => {
      const errors = sdkTypeErrors([
        { name: 'envelope', model: 'ConversationNormalizedMessage', body: { type: 'Structured', text: 'hi', conversationId: 'c-1' } },
        { name: 'mistyped', model: 'OutgoingMessageRequest', body: { botId: 'b', botVersion: 1, botSessionId: 's', messages: [] } },
      ]);
      expect(errors.some((e) => e.startsWith('envelope') && e.includes('conversationId'))).toBe(true);
      expect(errors.some((e) => e.startsWith('mistyped') && e.includes("'number' is not assignable"))).toBe(true);
    },
    TSC_TIMEOUT,
  );
});
