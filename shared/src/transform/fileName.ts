/**
 * The file name of an export: the design's name as a slug, then what the file holds, so a
 * folder of downloads says which is the Bot Connector reply and which the design
 * (`shoe-picks.botconnector-v2.json`).
 */
import type { ExportFormat } from './export.ts';

const SUFFIX: Readonly<Record<ExportFormat, string>> = {
  message: 'genesys-message.json',
  'botconnector-v2': 'botconnector-v2.json',
  'botconnector-v1': 'botconnector-v1.json',
  text: 'text-fallback.txt',
  design: 'design.json',
};

export function exportFileName(designName: string, format: ExportFormat): string {
  const slug = designName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${slug || 'message'}.${SUFFIX[format]}`;
}
