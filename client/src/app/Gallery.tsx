import { useEffect, useRef } from 'react';
import type { Design } from '@grmd/shared';
import { TEMPLATES, blankDesign } from '@grmd/shared';
import { markUsable } from '../state/usable.ts';

export function Gallery({ onPick, notice, onCancel }: { onPick: (d: Design) => void; notice?: string | null; onCancel?: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  useEffect(markUsable, []);
  return (
    <main className="gallery" aria-labelledby="gallery-title">
      <h1 id="gallery-title" tabIndex={-1} ref={heading}>
        Start a rich message
      </h1>
      {notice && (
        <p role="status" className="notice">
          {notice}
        </p>
      )}
      <p className="muted">Pick a starter template or a blank message. Your last design reopens automatically.</p>
      <ul className="gallery-grid" aria-label="Templates">
        <li>
          <button type="button" className="template" onClick={() => onPick(blankDesign())}>
            <span className="template-name">Blank message</span>
            <span className="template-desc">An empty bot message to build from scratch.</span>
          </button>
        </li>
        {TEMPLATES.map((t) => (
          <li key={t.id}>
            <button type="button" className="template" onClick={() => onPick(t.build())}>
              <span className="template-name">{t.name}</span>
              <span className="template-desc">{t.description}</span>
            </button>
          </li>
        ))}
      </ul>
      {onCancel && (
        <button type="button" onClick={onCancel}>
          Back to the editor
        </button>
      )}
    </main>
  );
}
