/**
 * What every drawn message part reads: the variable values texts are bound to, what a tap
 * does, and how a click selects a node in the editor (a no-op where nothing is editable).
 */
import { createContext, useContext, useMemo, type MouseEvent } from 'react';
import { bindText, MARKUP_POSSIBLE } from '@grmd/shared';
import { currentStrip, loadStrip, useStrip, type Strip } from './purify.ts';
import type { TapResult } from './response.ts';

export { useStrip };

export type MessageCtx = {
  values: Record<string, string>;
  onTap: (t: TapResult) => void;
  select: (id: string) => void;
  /** A click selects the clicked part in the editor instead of trying what the tap sends. */
  selecting?: boolean;
  /** Parts the channel may not show (a warning in the verdict), with the note drawn on them. */
  mayHide?: ReadonlyMap<string, string>;
};
export const MessageContext = createContext<MessageCtx>({ values: {}, onTap: () => {}, select: () => {} });

export function useMessageCtx(): MessageCtx {
  return useContext(MessageContext);
}

/** The text Messenger shows: variables bound to samples, markup stripped by the shared policy. */
export function useShown(text: unknown): string {
  const { values } = useMessageCtx();
  const strip = useStrip();
  return useMemo(() => {
    if (typeof text !== 'string' || text === '') return '';
    return shownText(bindText(text, values), strip);
  }, [text, values, strip]);
}

/**
 * A text as Messenger shows it, markup stripped by the shared sanitize policy. Only a text
 * that may hold markup is changed by it (sanitizeText returns any other as it is), and such
 * a text waits, shown empty, until the stripping (DOMPurify) has loaded.
 */
export function shownText(text: string, strip: Strip | null = currentStrip()): string {
  if (!MARKUP_POSSIBLE.test(text)) return text;
  if (!strip) {
    void loadStrip();
    return '';
  }
  return strip(text);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * The click handler of a tappable part: while selecting, it selects the part's node (a link
 * does not open); otherwise it reports what the customer's tap would send.
 */
export function useTap(nodeId: string, tap: () => TapResult): (e: MouseEvent) => void {
  const { selecting, select, onTap } = useMessageCtx();
  return (e) => {
    if (selecting) {
      e.preventDefault();
      e.stopPropagation();
      select(nodeId);
    } else onTap(tap());
  };
}
