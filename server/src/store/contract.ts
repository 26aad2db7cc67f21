/**
 * The store contract: what every engine behind store/ports.ts must do, as one Vitest suite
 * each engine runs (sqlite/*.contract.test.ts, postgres/postgres.contract.test.ts). Every
 * test gets fresh, empty stores from `open` and gives them back with `cleanup`.
 *
 * Only test files import this module (it imports vitest).
 */
import { describe } from 'vitest';
import type { Stores } from './ports.ts';
import { describeBotSessionContract } from './contract/botSessions.ts';
import { describeDesignContract } from './contract/designs.ts';
import { useFreshStores, type OpenStores } from './contract/fixtures.ts';
import { describeMiscContract } from './contract/misc.ts';
import { describeOutboxContract } from './contract/outbox.ts';
import { describeSendContract } from './contract/sends.ts';
import { describeTestConversationContract } from './contract/testConversations.ts';

export type { OpenStores };
export type StoreFixture = { stores: Stores; cleanup(): Promise<void> };

export function describeStoreContract(engine: string, open: () => Promise<StoreFixture>): void {
  describe(`the ${engine} stores`, () => {
    const s = useFreshStores(open);
    describeDesignContract(s);
    describeSendContract(s);
    describeOutboxContract(s);
    describeBotSessionContract(s);
    describeMiscContract(s);
    describeTestConversationContract(s);
  });
}
