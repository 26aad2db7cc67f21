/** The store contract (store/contract.ts) on SQLite: a fresh database file per test. */
import { describeStoreContract } from '../contract.ts';
import { tempDir } from '../../testing/tmp.ts';
import { openSqliteStores } from './index.ts';

describeStoreContract('sqlite', async () => {
  const t = tempDir('grmd-contract-');
  const stores = openSqliteStores(t.dir);
  return {
    stores,
    cleanup: async () => {
      await stores.close();
      t.cleanup();
    },
  };
});
