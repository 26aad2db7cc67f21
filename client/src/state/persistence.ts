/** Autosave of the last design (localStorage) and share links (design in the URL hash). */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { designSchema, type Design } from '@grmd/shared';
import { knownVersion, rememberVersion } from './libraryVersion.ts';

export const DRAFT_KEY = 'grmd.draft.v1';
export const SHARE_PREFIX = '#design=';

/** The library version the draft's content came from, written with the draft: `{id, version}`. */
export const DRAFT_VERSION_KEY = 'grmd.draft.libraryVersion.v1';

/**
 * The draft, and the tab adopts the library version its content came from: without it a
 * reopened tab would take its own earlier save for someone else's (a false 409 conflict).
 */
export function loadDraft(storage: Storage = localStorage): Design | null {
  try {
    const raw = storage.getItem(DRAFT_KEY);
    if (!raw) return null;
    const parsed = designSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) return null;
    const base = JSON.parse(storage.getItem(DRAFT_VERSION_KEY) ?? 'null') as { id?: unknown; version?: unknown } | null;
    if (base && base.id === parsed.data.id && typeof base.version === 'number') rememberVersion(parsed.data.id, base.version);
    return parsed.data;
  } catch {
    return null;
  }
}

export function saveDraft(design: Design, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(DRAFT_KEY, JSON.stringify(design));
    storage.setItem(DRAFT_VERSION_KEY, JSON.stringify({ id: design.id, version: knownVersion(design.id) }));
    return true;
  } catch {
    // Quota or privacy mode: the design stays in memory; the caller shows the failure.
    return false;
  }
}

export function shareHash(design: Design): string {
  return SHARE_PREFIX + compressToEncodedURIComponent(JSON.stringify(design));
}

export function shareUrl(design: Design, location: Pick<Location, 'origin' | 'pathname'> = window.location): string {
  return location.origin + location.pathname + shareHash(design);
}

/** The design carried by a share-link hash; an error message when the hash is damaged. */
export function designFromHash(hash: string): { design: Design } | { error: string } | null {
  if (!hash.startsWith(SHARE_PREFIX)) return null;
  const json = decompressFromEncodedURIComponent(hash.slice(SHARE_PREFIX.length));
  if (!json) return { error: 'The share link is damaged: its design could not be decompressed.' };
  try {
    const parsed = designSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return { error: `The share link holds an invalid design: ${parsed.error.issues[0]?.message ?? 'unknown error'}.` };
    return { design: parsed.data };
  } catch {
    return { error: 'The share link is damaged: its design is not valid JSON.' };
  }
}
