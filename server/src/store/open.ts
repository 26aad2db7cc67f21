/**
 * Picks the engine: PostgreSQL when DATABASE_URL is set (any number of instances on one
 * database), else SQLite in DATA_DIR (one instance). PostgreSQL's driver loads only then.
 */
import type { Config } from '../config.ts';
import type { Stores } from './ports.ts';
import { openSqliteStores } from './sqlite/index.ts';

export async function openStores(config: Pick<Config, 'dataDir' | 'databaseUrl'>): Promise<Stores> {
  if (config.databaseUrl) {
    const { openPostgresStores } = await import('./postgres/index.ts');
    return openPostgresStores(config.databaseUrl);
  }
  return openSqliteStores(config.dataDir);
}
