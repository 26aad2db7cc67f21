/**
 * Live preview in the look of Genesys Web Messenger. It draws what the chosen channel really
 * gets according to the one verdict (state/verdict.ts): the design sanitized, its
 * `{{variables}}` bound to their sample values and adapted to the channel
 * (components/message draws the parts).
 */
import { useCallback, useMemo, useState } from 'react';
import { CHANNELS, KIND_LABELS, isNodeKind, resolveVariables, type DesignNode, type Issue } from '@grmd/shared';
import { useDispatch, useEditor } from '../../state/store.ts';
import { useUi } from '../../state/ui.ts';
import { useVerdict } from '../../state/verdict.ts';
import { ChannelSelect } from '../../components/ChannelSelect.tsx';
import { MessageContext, shownText, type MessageCtx } from '../../components/message/context.ts';
import { Bubble } from '../../components/message/basics.tsx';
import { ContentItem } from '../../components/message/parts.tsx';
import { MessageBody } from '../../components/message/MessageView.tsx';
import { KeptReplies } from '../../components/message/KeptReplies.tsx';
import type { TapResult } from '../../components/message/response.ts';
import { setRemoteImages, useRemoteImages } from '../../components/message/remoteImages.ts';

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
  const verdict = useVerdict();
  const select = useCallback((id: string) => dispatch({ type: 'select', id }), [dispatch]);
  const bound = (verdict.boundDesign ?? design).root;
  const root = verdict.channelDesign?.root ?? bound;
  const dropped = useMemo(() => droppedItems(bound, root), [bound, root]);
  const label = CHANNELS[channel].label;
  // An imported Bot Connector reply's other messages, sanitized by the verdict, around the designed one.
  const reply = (verdict.design ?? design).botReply;
  const before = reply?.before?.length ?? 0;
  const total = before + 1 + (reply?.after?.length ?? 0);
  const mayHide = useMemo(() => buttonsMayHide(verdict.channelChanges, root, CHANNELS[channel].cardButtonsMax, label), [verdict.channelChanges, root, channel, label]);
  const selecting = clicks === 'select';
  const ctx = useMemo<MessageCtx>(() => ({ values, onTap: setTap, select, mayHide, selecting }), [values, select, mayHide, selecting]);

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
            <KeptReplies messages={reply?.before} first={1} total={total} />
            {verdict.channelText !== null ? (
              <Bubble>{shownText(verdict.channelText)}</Bubble>
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
            <KeptReplies messages={reply?.after} first={before + 2} total={total} />
          </div>
        </div>
      </MessageContext.Provider>
      {selecting ? (
        <p className="muted preview-hint">Click a card, button or quick reply to edit it; choose “Try it” to see what a customer’s tap sends.</p>
      ) : (
        <TapPanel tap={tap} onClear={() => setTap(null)} />
      )}
      <ChannelChanges issues={verdict.channelChanges} label={label} />
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

/**
 * The buttons past the channel's maximum on a card the verdict warns about (kept, but the
 * channel may not show them all): the preview marks them, as the warning says.
 */
function buttonsMayHide(changes: readonly Issue[], root: DesignNode, max: number, label: string): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  const cards = new Set(changes.filter((i) => i.code === 'card.too_many_buttons' && i.nodeId).map((i) => i.nodeId!));
  if (cards.size === 0) return out;
  const stack = [root];
  while (stack.length) {
    const n = stack.pop()!;
    if (cards.has(n.id)) for (const a of n.children.filter((c) => c.kind === 'action').slice(max)) out.set(a.id, `${label} may not show this button`);
    stack.push(...n.children);
  }
  return out;
}

/** Content items the channel does not deliver at all (not converted either): shown as ghosts. */
function droppedItems(designRoot: DesignNode, viewRoot: DesignNode): DesignNode[] {
  if (designRoot === viewRoot) return [];
  const ids = new Set<string>();
  const stack = [viewRoot];
  while (stack.length) {
    const n = stack.pop()!;
    ids.add(n.id);
    stack.push(...n.children);
  }
  if (viewRoot.children.length === 0 && viewRoot.props.text !== designRoot.props.text) return []; // text fallback
  return designRoot.children.filter((c) => !ids.has(c.id) && !c.children.some((g) => ids.has(g.id)));
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

function ChannelChanges({ issues, label }: { issues: Issue[]; label: string }) {
  return (
    <section className="channel-changes" aria-labelledby="changes-title">
      <h3 id="changes-title">What {label} changes</h3>
      {issues.length === 0 ? (
        <p className="muted">Nothing: {label} gets the message as designed.</p>
      ) : (
        <ul>
          {issues.map((i, k) => (
            <li key={k} className={`sev-${i.severity}`}>
              <span className="sev">{i.severity}</span> {i.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
