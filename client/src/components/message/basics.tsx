/** The smallest parts of a drawn message, used by every other part. */
import type { ReactNode } from 'react';
import { bindText } from '@grmd/shared';
import { useMessageCtx, useShown } from './context.ts';

export function Shown({ text }: { text: unknown }) {
  return <>{useShown(text)}</>;
}

export function Bubble({ children }: { children: ReactNode }) {
  return (
    <div className="bubble bot">
      <p className="bubble-text">{children}</p>
    </div>
  );
}

export function Media({ url, kind }: { url: unknown; kind: 'Image' | 'Video' }) {
  const { values } = useMessageCtx();
  if (typeof url !== 'string' || url === '') return null;
  const bound = bindText(url, values);
  const file = bound.split(/[?#]/)[0]!.split('/').pop() || bound;
  return (
    <div className={`media media-${kind.toLowerCase()}`} role="img" aria-label={`${kind}: ${file}`}>
      {/* Drawn in CSS, not an emoji (machines without an emoji font show a blank box) and not
          an <svg>, so the preview's only elements are the ones the message format defines. */}
      <span aria-hidden="true" className="media-icon" />
      <span className="media-name">{file}</span>
    </div>
  );
}
