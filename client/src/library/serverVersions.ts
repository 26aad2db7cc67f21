/**
 * Which server version of each design this tab last loaded or saved. Per tab (sessionStorage),
 * so two tabs editing the same design each send their own expected version and the second
 * save gets 409 instead of silently overwriting the first.
 */
const PREFIX = 'grmd.serverVersion.';

export function knownVersion(id: string, storage: Storage = sessionStorage): number | null {
  try {
    const v = Number(storage.getItem(PREFIX + id));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

export function rememberVersion(id: string, version: number | null, storage: Storage = sessionStorage): void {
  try {
    if (version === null) storage.removeItem(PREFIX + id);
    else storage.setItem(PREFIX + id, String(version));
  } catch {
    // storage off: saves fall back to a first save (POST), which answers 409 exists
  }
}
