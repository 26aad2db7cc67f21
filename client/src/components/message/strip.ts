/** A shown text with its markup stripped by the shared sanitize policy (loaded by purify.ts). */
import DOMPurify from 'dompurify';
import { sanitizeText } from '@grmd/shared';

export function stripShown(text: string): string {
  return sanitizeText(text, DOMPurify, '').value;
}
