/**
 * DOMPurify on a jsdom window, built once per process: creating a jsdom window costs tens
 * of milliseconds and a lot of memory, while the instance is safely reusable (DOMPurify is
 * synchronous and every sanitize call passes its own config).
 */
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import type { Purifier } from '@grmd/shared';

let shared: Purifier | undefined;

export function createPurifier(): Purifier {
  if (!shared) {
    const { window } = new JSDOM('<!DOCTYPE html>');
    shared = createDOMPurify(window as unknown as Window & typeof globalThis) as Purifier;
  }
  return shared;
}
