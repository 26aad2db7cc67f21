/**
 * Live preview in the look of Genesys Web Messenger. It draws what the chosen channel really
 * gets, straight from the current design (state/view.ts: variables bound to their samples,
 * the channel's adaptations applied by the same forChannel() the verdict uses, texts
 * sanitized as they are drawn), so it follows every keystroke; the list of what the channel
 * changes is the verdict's (state/verdict.ts), which Problems shows too. The message parts
 * are memoised per node (components/message), so a keystroke redraws only the edited node.
 */
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { CHANNELS, KIND_LABELS, isNodeKind, resolveVariables } from '@grmd/shared';
import { useDispatch, useEditor } from '../../state/store.ts';
import { useUi } from '../../state/ui.ts';
import { buttonsMayHide, droppedItems, previewView } from '../../state/view.ts';
import { lateModule, useLate, whenUsable } from '../../state/usable.ts';
import { ChannelSelect } from '../../components/ChannelSelect.tsx';
import { MessageContext, shownText, useStrip, type MessageCtx } from '../../components/message/context.ts';
import { Bubble } from '../../components/message/basics.tsx';
import { ContentItem } from '../../components/message/parts.tsx';
import { MessageBody } from '../../components/message/MessageView.tsx';
import type { TapResult } from '../../components/message/response.ts';
import { setRemoteImages, useRemoteImages } from '../../components/message/remoteImages.ts';

// The verdict's list of channel changes lives with the checks (validate, compile, DOMPurify),
// loaded once the editor is usable; an imported Bot Connector reply's other messages need the
// importers, loaded only when the design has some.
const channelChanges = lateModule(() => whenUsable().then(() => import('./ChannelChanges.tsx')));
const KeptReplies = lazy(() => import('../../components/message/KeptReplies.tsx').then((m) => ({ default: m.KeptReplies })));

const THEMES = [
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
] as const;
/** What a click in the preview does: select the part in the editor, or try what the customer's tap sends. */
const CLICKS = [
  { value: 'select', label: 'Select' },
  { value: 'try', label: 'Try it' },
] as const;
const WIDTHS = [
  { value: 'mobile', label: 'Mobile' },
  { value: 'desktop', label: 'Desktop' },
] as const;

export function Preview() {
  const design = useEditor((s) => s.design);
  const dispatch = useDispatch();
  const { channel, setChannel } = useUi();
  const [theme, setTheme] = useState<(typeof THEMES)[number]['value']>('light');
  const [width, setWidth] = useState<(typeof WIDTHS)[number]['value']>('mobile');
  const [tap, setTap] = useState<TapResult | null>(null);
  const images = useRemoteImages();
  const [clicks, setClicks] = useState<(typeof CLICKS)[number]['value']>('select');
  const variables = design.variables;
  const values = useMemo(() => resolveVariables({ variables }), [variables]);
  const select = useCallback((id: string) => dispatch({ type: 'select', id }), [dispatch]);
  const view = useMemo(() => previewView(design, channel, values), [design, channel, values]);
  const { root, bound } = view;
  const dropped = useMemo(() => droppedItems(bound, root), [bound, root]);
  const label = CHANNELS[channel].label;
  // An imported Bot Connector reply's other messages, drawn around the designed one.
  const reply = design.botReply;
  const before = reply?.before?.length ?? 0;
  const total = before + 1 + (reply?.after?.length ?? 0);
  // Keyed by content: the context stays the same object while the notes do not change.
  const notes = JSON.stringify([...buttonsMayHide(view.changes, root, CHANNELS[channel].cardButtonsMax, label)]);
  const mayHide = useMemo(() => new Map(JSON.parse(notes) as [string, string][]), [notes]);
  const selecting = clicks === 'select';
  const ctx = useMemo<MessageCtx>(() => ({ values, onTap: setTap, select, mayHide, selecting }), [values, select, mayHide, selecting]);
  // Drawn again when the markup stripping arrives, for a text fallback with markup that waited for it.
  const strip = useStrip();
  const ChannelChanges = useLate(channelChanges)?.default;

  return (
    <section className="panel preview-panel" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <div className="preview-controls">
        <label>
          Channel <ChannelSelect value={channel} onChange={setChannel} />
        </label>
        <Segmented legend="Theme" name="preview-theme" options={THEMES} value={theme} onChange={setTheme} />
        <Segmented legend="Width" name="preview-width" options={WIDTHS} value={width} onChange={setWidth} />
        <Segmented legend="A click in the preview" name="preview-clicks" options={CLICKS} value={clicks} onChange={setClicks} />
        <label>
          <input type="checkbox" checked={images} onChange={(e) => setRemoteImages(e.target.checked)} /> Load remote images
        </label>
      </div>
      <MessageContext.Provider value={ctx}>
        <div
          className={`messenger theme-${theme} width-${width}${selecting ? ' selecting' : ''}`}
          data-testid="messenger"
          role="region"
          aria-label={`${label} preview`}
          data-theme={theme}
          data-width={width}
        >
          <div className="messenger-header" aria-hidden="true">
            <span className="avatar">B</span> Bot · {label}
          </div>
          <div className="messenger-body">
            {reply?.before?.length ? (
              <Suspense fallback={null}>
                <KeptReplies messages={reply.before} first={1} total={total} />
              </Suspense>
            ) : null}
            {view.text !== null ? (
              <Bubble>{shownText(view.text, strip)}</Bubble>
            ) : (
              <MessageBody root={root}>
                {dropped.map((n) => (
                  <div key={n.id} className="ghost" aria-label={`Not delivered on ${label}: ${isNodeKind(n.kind) ? KIND_LABELS[n.kind] : n.kind}`} role="group">
                    <p className="ghost-label">Not delivered on {label} (export only)</p>
                    <ContentItem node={n} />
                  </div>
                ))}
              </MessageBody>
            )}
            {reply?.after?.length ? (
              <Suspense fallback={null}>
                <KeptReplies messages={reply.after} first={before + 2} total={total} />
              </Suspense>
            ) : null}
          </div>
        </div>
      </MessageContext.Provider>
      {selecting ? (
        <p className="muted preview-hint">Click a card, button or quick reply to edit it; choose “Try it” to see what a customer’s tap sends.</p>
      ) : (
        <TapPanel tap={tap} onClear={() => setTap(null)} />
      )}
      {/* The placeholder has the list's heading, so nothing moves when the verdict arrives. */}
      {ChannelChanges ? <ChannelChanges label={label} /> : <ChannelChangesPending label={label} />}
    </section>
  );
}

function Segmented<V extends string>({ legend, name, options, value, onChange }: { legend: string; name: string; options: readonly { value: V; label: string }[]; value: V; onChange: (v: V) => void }) {
  return (
    <fieldset className="segmented">
      <legend className="sr-only">{legend}</legend>
      {options.map((o) => (
        <label key={o.value}>
          <input type="radio" name={name} checked={value === o.value} onChange={() => onChange(o.value)} /> {o.label}
        </label>
      ))}
    </fieldset>
  );
}

function TapPanel({ tap, onClear }: { tap: TapResult | null; onClear: () => void }) {
  return (
    <section className="tap-panel" aria-labelledby="tap-title" aria-live="polite">
      <h3 id="tap-title">What the customer’s tap sends</h3>
      {!tap ? (
        <p className="muted">Click a button, quick reply, list item or time in the preview.</p>
      ) : tap.kind === 'opens' ? (
        <p data-testid="tap-result">
          “{tap.label}” opens <code>{tap.url || '(no URL)'}</code> in the browser and sends nothing to the bot.
        </p>
      ) : (
        <>
          <p>“{tap.label}” sends this message back to the bot (a ButtonResponse):</p>
          <pre data-testid="tap-result" className="code" tabIndex={0} aria-label="Tap response JSON">
            {JSON.stringify(tap.message, null, 2)}
          </pre>
        </>
      )}
      {tap && (
        <button type="button" onClick={onClear}>
          Clear
        </button>
      )}
    </section>
  );
}

function ChannelChangesPending({ label }: { label: string }) {
  return (
    <section className="channel-changes" aria-labelledby="changes-title" aria-busy="true">
      <h3 id="changes-title">What {label} changes</h3>
      <p className="muted">Checking…</p>
    </section>
  );
}
