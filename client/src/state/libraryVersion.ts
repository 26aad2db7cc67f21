/**
 * Which server version of each design this tab last loaded or saved. Per tab (sessionStorage),
 * so two tabs editing the same design each send their own expected version and the second
 * save gets 409 instead of silently overwriting the first. The draft (persistence.ts) carries
 * the version of its own content, so a tab that starts from the draft (a reload, a reopened
 * tab) knows which library version that content came from.
 */
import { readTab, writeTab } from './tabStorage.ts';

const PREFIX = 'grmd.serverVersion.';

export function knownVersion(id: string): number | null {
  const v = Number(readTab(PREFIX + id));
  return Number.isInteger(v) && v > 0 ? v : null;
}

/** With storage off, saves fall back to a first save (POST), which the server answers with a conflict. */
export function rememberVersion(id: string, version: number | null): void {
  writeTab(PREFIX + id, version === null ? null : String(version));
}
