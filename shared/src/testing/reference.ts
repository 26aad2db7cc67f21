import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's read-only reference material (`shared/` of the workspace, not our `shared/`
 * package) sits beside the repository clone: `<clone>/../shared`. CI clones anywhere, so
 * locate it from this file rather than from an absolute path; GRMD_REFERENCE_DIR overrides.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export const REFERENCE_DIR = process.env.GRMD_REFERENCE_DIR ?? resolve(repoRoot, '../shared');
export const EXAMPLES_DIR = process.env.GRMD_EXAMPLES ?? join(REFERENCE_DIR, 'reference/examples');

export function referencePath(...parts: string[]): string {
  const p = join(REFERENCE_DIR, ...parts);
  if (!existsSync(p)) {
    throw new Error(`Reference file ${p} is missing: the project expects ../shared beside the clone (or set GRMD_REFERENCE_DIR).`);
  }
  return p;
}
