import { useDeferredValue, useMemo } from 'react';
import {
  CAROUSEL_MAX_CARDS,
  CHANNELS,
  MAX_CONTENT_ITEMS,
  MAX_DEPTH,
  MESSAGE_BYTES_MAX,
  compile,
  treeDepth,
  type Design,
  type ChannelId,
} from '@grmd/shared';
import { useEditor } from '../../../state/store.ts';
import { useUi } from '../../../state/ui.ts';

export type Budget = { id: string; label: string; value: number; max: number; limit: string };

const encoder = new TextEncoder();

export function budgets(design: Design, channel: ChannelId): Budget[] {
  const root = design.root;
  let cards = 0;
  let actions = 0;
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.kind === 'carousel') cards = Math.max(cards, n.children.filter((c) => c.kind === 'card').length);
    if (n.kind === 'card') actions = Math.max(actions, n.children.filter((c) => c.kind === 'action').length);
    stack.push(...n.children);
  }
  const bytes = encoder.encode(JSON.stringify(compile(design))).length;
  const caps = CHANNELS[channel];
  return [
    { id: 'depth', label: 'Depth', value: treeDepth(root), max: MAX_DEPTH, limit: 'MAX_DEPTH' },
    { id: 'items', label: 'Content items', value: root.children.length, max: MAX_CONTENT_ITEMS, limit: 'MAX_CONTENT_ITEMS' },
    { id: 'cards', label: 'Cards in a carousel', value: cards, max: CAROUSEL_MAX_CARDS, limit: 'CAROUSEL_MAX_CARDS' },
    { id: 'actions', label: `Buttons per card (${caps.label})`, value: actions, max: caps.cardButtonsMax, limit: 'CARD_BUTTONS_MAX' },
    { id: 'bytes', label: 'Message size (bytes)', value: bytes, max: MESSAGE_BYTES_MAX, limit: 'MESSAGE_BYTES_MAX' },
  ];
}

export function LimitMeters() {
  const design = useDeferredValue(useEditor((s) => s.design));
  const { channel } = useUi();
  const list = useMemo(() => budgets(design, channel), [design, channel]);
  return (
    <section className="panel meters" aria-labelledby="meters-title">
      <h2 id="meters-title">Limits</h2>
      <ul className="meter-list">
        {list.map((b) => {
          const over = b.value > b.max;
          return (
            <li key={b.id} className={over ? 'over' : b.value === b.max ? 'full' : ''}>
              <label htmlFor={`meter-${b.id}`}>{b.label}</label>
              <meter id={`meter-${b.id}`} min={0} max={b.max} low={b.max * 0.75} high={b.max * 0.9} optimum={0} value={Math.min(b.value, b.max)} aria-valuetext={`${b.value} of ${b.max}`} />
              <span className="meter-value" data-testid={`budget-${b.id}`}>
                {b.value} / {b.max} <abbr title={`limit constant ${b.limit}`}>{b.limit}</abbr>
                {over ? ' — over the limit' : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
