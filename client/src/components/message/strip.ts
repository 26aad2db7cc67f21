/** A shown text with its markup stripped by the shared sanitize policy (loaded by purify.ts). */
import DOMPurify from 'dompurify';
import { sanitizeText } from '@grmd/shared';

// The same texts are drawn again and again (every part of a redrawn card, the guest view):
// their stripping is kept, up to a bound, so an unchanged text is never sanitized twice.
const KEPT = 500;
const kept = new Map<string, string>();

export function stripShown(text: string): string {
  let shown = kept.get(text);
  if (shown === undefined) {
    shown = sanitizeText(text, DOMPurify, '').value;
    if (kept.size >= KEPT) kept.delete(kept.keys().next().value!);
    kept.set(text, shown);
  }
  return shown;
}
