/** Differences between what we sent and what the guest socket received, path by path. */

export type Difference = { path: string; sent: unknown; received: unknown };

/** Fields Genesys adds to a delivered message that a bot never sends. */
const DELIVERY_ONLY = new Set(['id', 'channel', 'direction', 'originatingEntity', 'metadata']);

/** The part of a delivered message that is comparable with the reply message we pushed. */
export function comparable(received: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(received).filter(([k]) => !DELIVERY_ONLY.has(k)));
}

export function differences(sent: unknown, received: unknown, path = ''): Difference[] {
  if (Object.is(sent, received)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
  if (Array.isArray(sent) && Array.isArray(received)) {
    const out: Difference[] = [];
    for (let i = 0; i < Math.max(sent.length, received.length); i++) out.push(...differences(sent[i], received[i], `${path}[${i}]`));
    return out;
  }
  if (isObj(sent) && isObj(received) && !Array.isArray(sent) && !Array.isArray(received)) {
    const out: Difference[] = [];
    for (const k of new Set([...Object.keys(sent), ...Object.keys(received)])) {
      out.push(...differences(sent[k], received[k], path ? `${path}.${k}` : k));
    }
    return out;
  }
  return [{ path: path || '(message)', sent, received }];
}

/**
 * Pairs each reply message of a push with what the guest received for it. Genesys gives the
 * push one message id: the first delivery carries it, the others follow it in order.
 */
export function pairDeliveries(
  sent: readonly unknown[],
  received: readonly Record<string, unknown>[],
  messageId: string | null,
): { sent: unknown; received: Record<string, unknown> | null }[] {
  const first = messageId ? received.findIndex((b) => b.id === messageId) : -1;
  return sent.map((m, i) => ({ sent: m, received: first >= 0 ? (received[first + i] ?? null) : null }));
}

/** Differences over all pairs; with more than one message each path names its message. */
export function pairDifferences(pairs: readonly { sent: unknown; received: Record<string, unknown> | null }[]): Difference[] {
  return pairs.flatMap((p, i) => {
    if (!p.received) return [];
    const prefix = pairs.length > 1 ? `replyMessages[${i}]` : '';
    return differences(p.sent, comparable(p.received), prefix);
  });
}
