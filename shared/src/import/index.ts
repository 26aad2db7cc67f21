/** The public face of import: what `@grmd/shared` exports from this folder. */
export { importJson, importText, type ImportFormat, type ImportResult } from './import.ts';
export { firstDifference } from './fidelity.ts';
export { jsonErrorOffset, lineColumn, locateJson, type TextRange } from './jsonText.ts';
