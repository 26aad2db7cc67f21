/**
 * The designer's own file format → a design. A valid file is taken as it is; a damaged one
 * is reported field by field and whatever is sound is kept, so the editor can still open it.
 */
import {
  FORMAT_VERSION,
  botReplyMetaSchema,
  channelIdSchema,
  designNodeSchema,
  designSchema,
  envelopeSchema,
  variableSchema,
  type Design,
} from '../model/design.ts';
import { arr, hashId, type ImportResult, type Json } from './common.ts';
import { schemaIssues } from './schemaIssues.ts';

export function importDesignFile(input: Json): ImportResult {
  const r = designSchema.safeParse(input);
  if (r.success) return { design: r.data, issues: [], format: 'design' };
  const issues = schemaIssues(r.error, input, []);
  const root = designNodeSchema.safeParse(input.root);
  if (!root.success) return { design: null, issues, format: 'design' };
  const channel = channelIdSchema.safeParse(input.channel);
  const variables = arr(input.variables).flatMap((v) => {
    const p = variableSchema.safeParse(v);
    return p.success ? [p.data] : [];
  });
  const envelope = envelopeSchema.safeParse(input.envelope);
  const botReply = botReplyMetaSchema.safeParse(input.botReply);
  const design: Design = {
    formatVersion: FORMAT_VERSION,
    id: typeof input.id === 'string' && input.id !== '' ? input.id : hashId(input),
    name: typeof input.name === 'string' ? input.name : 'Recovered design',
    channel: channel.success ? channel.data : 'webmessaging',
    variables,
    root: root.data,
    ...(input.envelope !== undefined && envelope.success ? { envelope: envelope.data } : {}),
    ...(input.botReply !== undefined && botReply.success ? { botReply: botReply.data } : {}),
  };
  return { design, issues, format: 'design' };
}
