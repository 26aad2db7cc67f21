/**
 * The one locator of the project's read-only reference material: the `shared/` folder of the
 * workspace (not our `shared/` package), beside the repository clone at `<clone>/../shared`.
 * It holds reference/ (the external contracts and their examples), seeds/ and bench/ data.
 * CI clones anywhere, so it is found from this file rather than from an absolute path.
 * Every unit test, e2e test and bench reads it through here; GRMD_REFERENCE_DIR moves the
 * whole folder, GRMD_EXAMPLES only the examples.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const REFERENCE_DIR = process.env.GRMD_REFERENCE_DIR ?? resolve(repoRoot, '../shared');
export const EXAMPLES_DIR = process.env.GRMD_EXAMPLES ?? join(REFERENCE_DIR, 'reference/examples');

/** A file of the reference material (`referencePath('bench', 'cards200.json')`); throws, saying where it looked, when it is missing. */
export function referencePath(...parts: string[]): string {
  const p = join(REFERENCE_DIR, ...parts);
  if (!existsSync(p)) {
    throw new Error(`Reference file ${p} is missing: the project expects ../shared beside the clone (or set GRMD_REFERENCE_DIR).`);
  }
  return p;
}

/** A reference example (`../shared/reference/examples/<name>`). */
export function examplePath(name: string): string {
  return join(EXAMPLES_DIR, name);
}
