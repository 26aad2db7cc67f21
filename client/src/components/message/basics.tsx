/** The smallest parts of a drawn message, used by every other part. */
import { useMemo, useState, type ReactNode } from 'react';
import { bindText, checkUrl } from '@grmd/shared';
import { useRemoteImages } from './remoteImages.ts';
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
  const load = useRemoteImages();
  const bound = typeof url === 'string' ? bindText(url, values) : '';
  // Only https images are fetched: http would be mixed content, and anything else is not an image URL.
  const fetchable = useMemo(() => /^https:\/\//i.test(bound) && checkUrl(bound).ok, [bound]);
  if (bound === '') return null;
  const file = bound.split(/[?#]/)[0]!.split('/').pop() || bound;
  if (kind === 'Image' && load && fetchable) return <RemoteImage key={bound} url={bound} file={file} />;
  return <Placeholder kind={kind} file={file} note={kind === 'Image' && load ? 'not an https URL: not loaded' : undefined} />;
}

function Placeholder({ kind, file, note, cover }: { kind: 'Image' | 'Video'; file: string; note?: string | undefined; cover?: boolean }) {
  // A cover over a loading image is decoration: the image itself carries the name.
  return (
    <div className={`media media-${kind.toLowerCase()}`} {...(cover ? { 'aria-hidden': true } : { role: 'img', 'aria-label': `${kind}: ${file}${note ? ` (${note})` : ''}` })}>
      {/* Drawn in CSS, not an emoji (machines without an emoji font show a blank box). */}
      <span aria-hidden="true" className="media-icon" />
      <span className="media-name">{file}</span>
      {note ? <span className="media-note">{note}</span> : null}
    </div>
  );
}

/**
 * A remote image: no referrer (the image host learns nothing about this page), lazy, and the
 * placeholder stays over it until it has loaded, or says that it could not be.
 */
function RemoteImage({ url, file }: { url: string; file: string }) {
  const [state, setState] = useState<'loading' | 'loaded' | 'failed'>('loading');
  return (
    <div className="media-frame" data-state={state}>
      {state !== 'failed' && (
        <img className="media-img" src={url} alt={`Image: ${file}`} referrerPolicy="no-referrer" loading="lazy" decoding="async" onLoad={() => setState('loaded')} onError={() => setState('failed')} />
      )}
      {state === 'loading' && <Placeholder kind="Image" file={file} note="loading…" cover />}
      {state === 'failed' && <Placeholder kind="Image" file={file} note="could not be loaded" />}
    </div>
  );
}
