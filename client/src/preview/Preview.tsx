/**
 * Live preview in the look of Genesys Web Messenger. It renders what the chosen channel
 * really gets (shared forChannel), binds `{{variables}}` to their sample values and runs
 * every text through the shared sanitize policy; texts are React text nodes only.
 * Components are memoised per node: the shared tree ops keep unchanged nodes identical, so
 * a keystroke re-renders only the edited node.
 */
import { createContext, memo, useCallback, useContext, useDeferredValue, useMemo, useState } from 'react';
import DOMPurify from 'dompurify';
import {
  CHANNELS,
  CHANNEL_IDS,
  KIND_LABELS,
  bindText,
  checkUrl,
  forChannel,
  formatTimeSlot,
  isNodeKind,
  resolveVariables,
  sanitizeText,
  type ChannelId,
  type DesignNode,
  type Issue,
} from '@grmd/shared';
import { useDispatch, useEditor } from '../editor/store.ts';
import { useUi } from '../app/ui.ts';
import { buttonResponse, tapAction, tapQuickReply, type TapResult } from './response.ts';

type Ctx = { values: Record<string, string>; onTap: (t: TapResult) => void; select: (id: string) => void };
const PreviewCtx = createContext<Ctx>({ values: {}, onTap: () => {}, select: () => {} });

/** The text Messenger shows: variables bound to samples, markup stripped by the shared policy. */
function useShown(text: unknown): string {
  const { values } = useContext(PreviewCtx);
  return useMemo(() => {
    if (typeof text !== 'string' || text === '') return '';
    return sanitizeText(bindText(text, values), DOMPurify, '').value;
  }, [text, values]);
}

function Shown({ text }: { text: unknown }) {
  return <>{useShown(text)}</>;
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function Preview() {
  const design = useEditor((s) => s.design);
  const dispatch = useDispatch();
  const { channel, setChannel } = useUi();
  const [theme, setTheme] = useState<'light' | 'dark'>('light');
  const [width, setWidth] = useState<'mobile' | 'desktop'>('mobile');
  const [tap, setTap] = useState<TapResult | null>(null);
  const variables = design.variables;
  const values = useMemo(() => resolveVariables({ variables }), [variables]);
  const view = useMemo(() => forChannel(design, channel, { variables: values }), [design, channel, values]);
  const select = useCallback((id: string) => dispatch({ type: 'select', id }), [dispatch]);
  const ctx = useMemo<Ctx>(() => ({ values, onTap: setTap, select }), [values, select]);
  const root = view.design.root;
  const dropped = useMemo(() => droppedItems(design.root, root), [design.root, root]);
  const quickReplies = root.children.filter((c) => c.kind === 'quickReply');
  const items = root.children.filter((c) => c.kind !== 'quickReply');
  const label = CHANNELS[channel].label;

  return (
    <section className="panel preview-panel" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <div className="preview-controls">
        <label>
          Channel{' '}
          <select value={channel} onChange={(e) => setChannel(e.target.value as ChannelId)}>
            {CHANNEL_IDS.map((c) => (
              <option key={c} value={c}>
                {CHANNELS[c].label}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="segmented">
          <legend className="sr-only">Theme</legend>
          {(['light', 'dark'] as const).map((t) => (
            <label key={t}>
              <input type="radio" name="preview-theme" checked={theme === t} onChange={() => setTheme(t)} /> {t === 'light' ? 'Light' : 'Dark'}
            </label>
          ))}
        </fieldset>
        <fieldset className="segmented">
          <legend className="sr-only">Width</legend>
          {(['mobile', 'desktop'] as const).map((w) => (
            <label key={w}>
              <input type="radio" name="preview-width" checked={width === w} onChange={() => setWidth(w)} /> {w === 'mobile' ? 'Mobile' : 'Desktop'}
            </label>
          ))}
        </fieldset>
      </div>
      <PreviewCtx.Provider value={ctx}>
        <div
          className={`messenger theme-${theme} width-${width}`}
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
            {view.text !== null ? (
              <Bubble>{sanitizeText(view.text, DOMPurify, '').value}</Bubble>
            ) : (
              <>
                <MessageText text={root.props.text} />
                {items.map((n) => (
                  <ContentItem key={n.id} node={n} />
                ))}
                {dropped.map((n) => (
                  <div key={n.id} className="ghost" aria-label={`Not delivered on ${label}: ${isNodeKind(n.kind) ? KIND_LABELS[n.kind] : n.kind}`} role="group">
                    <p className="ghost-label">Not delivered on {label} (export only)</p>
                    <ContentItem node={n} />
                  </div>
                ))}
                {quickReplies.length > 0 && (
                  <div className="quick-replies" role="group" aria-label="Quick replies">
                    {quickReplies.map((q) => (
                      <QuickReplyChip key={q.id} node={q} />
                    ))}
                  </div>
                )}
              </>
            )}
          </div>
        </div>
      </PreviewCtx.Provider>
      <TapPanel tap={tap} onClear={() => setTap(null)} />
      <ChannelChanges issues={view.issues} label={label} />
    </section>
  );
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

const MessageText = memo(function MessageText({ text }: { text: unknown }) {
  const shown = useShown(text);
  return shown ? <Bubble>{shown}</Bubble> : null;
});

function Bubble({ children }: { children: React.ReactNode }) {
  return (
    <div className="bubble bot">
      <p className="bubble-text">{children}</p>
    </div>
  );
}

const ContentItem = memo(function ContentItem({ node }: { node: DesignNode }) {
  switch (node.kind) {
    case 'card':
      return <CardView node={node} />;
    case 'carousel':
      return (
        <div className="carousel" role="group" aria-label="Carousel" tabIndex={0}>
          {node.children.map((c) => (
            <CardView key={c.id} node={c} inCarousel />
          ))}
        </div>
      );
    case 'listPicker':
      return <ListPickerView node={node} />;
    case 'datePicker':
      return <DatePickerView node={node} />;
    case 'attachment':
      return <AttachmentView node={node} />;
    default:
      return (
        <div className="bubble bot unknown" role="note">
          Not shown: {isNodeKind(node.kind) ? KIND_LABELS[node.kind] : node.kind} cannot be a content item.
        </div>
      );
  }
});

function Media({ url, kind }: { url: unknown; kind: 'Image' | 'Video' }) {
  const { values } = useContext(PreviewCtx);
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

const CardView = memo(function CardView({ node, inCarousel }: { node: DesignNode; inCarousel?: boolean }) {
  const { select } = useContext(PreviewCtx);
  const p = node.props;
  const title = useShown(p.title);
  const da = p.defaultAction as { url?: unknown } | undefined;
  return (
    <article
      className={inCarousel ? 'card in-carousel' : 'card'}
      aria-label={`Card: ${title || '(no title)'}`}
      // A click on the card body (not its buttons) selects it in the editor, as in Block Kit Builder.
      onClick={(e) => {
        if (!(e.target as Element).closest('button, a')) select(node.id);
      }}
    >
      {p.video ? <Media url={p.video} kind="Video" /> : <Media url={p.image} kind="Image" />}
      <div className="card-body">
        <h3 className="card-title">{title}</h3>
        <p className="card-desc">
          <Shown text={p.description} />
        </p>
        {da && typeof da.url === 'string' && da.url !== '' && <p className="card-default">Tap card: opens a link</p>}
      </div>
      {node.children.length > 0 && (
        <div className="card-actions">
          {node.children.map((a) => (a.kind === 'action' ? <ActionButton key={a.id} node={a} /> : null))}
        </div>
      )}
    </article>
  );
});

const ActionButton = memo(function ActionButton({ node }: { node: DesignNode }) {
  const { onTap, values } = useContext(PreviewCtx);
  const text = useShown(node.props.text);
  const bound = useMemo(() => ({ ...node.props, text, payload: bindText(str(node.props.payload), values), url: bindText(str(node.props.url), values) }), [node.props, text, values]);
  if (node.props.type === 'Link') {
    const ok = bound.url !== '' && checkUrl(bound.url).ok;
    return ok ? (
      <a className="card-button link" href={bound.url} target="_blank" rel="noopener noreferrer" onClick={() => onTap(tapAction(bound))}>
        {text} <span aria-hidden="true">↗</span>
      </a>
    ) : (
      <button type="button" className="card-button link" onClick={() => onTap(tapAction(bound))}>
        {text}
      </button>
    );
  }
  return (
    <button type="button" className="card-button" onClick={() => onTap(tapAction(bound))}>
      {text}
    </button>
  );
});

const QuickReplyChip = memo(function QuickReplyChip({ node }: { node: DesignNode }) {
  const { onTap, values } = useContext(PreviewCtx);
  const text = useShown(node.props.text);
  return (
    <button type="button" className="chip" onClick={() => onTap(tapQuickReply({ text, payload: bindText(str(node.props.payload), values) }))}>
      {text}
    </button>
  );
});

const ListPickerView = memo(function ListPickerView({ node }: { node: DesignNode }) {
  const { onTap } = useContext(PreviewCtx);
  const [open, setOpen] = useState(false);
  const rm = (node.props.receivedMessage ?? {}) as Record<string, unknown>;
  const title = useShown(rm.title);
  return (
    <div className="bubble bot list-picker">
      {rm.header ? <p className="lp-header"><Shown text={rm.header} /></p> : null}
      <p className="lp-title">{title}</p>
      {rm.subtitle ? <p className="lp-sub"><Shown text={rm.subtitle} /></p> : null}
      <button type="button" className="card-button" aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        <Shown text={rm.buttonLabel || 'Open'} />
      </button>
      {open &&
        node.children.map((s) => (
          <div key={s.id} className="lp-section" role="group" aria-label={`Section ${str(s.props.title)}`}>
            <p className="lp-section-title">
              <Shown text={s.props.title} />
            </p>
            {s.children.map((it) => (
              <button
                key={it.id}
                type="button"
                className="lp-item"
                onClick={() => onTap(buttonResponse('ListPicker', str(it.props.title), str(it.props.id)))}
              >
                <span className="lp-item-title"><Shown text={it.props.title} /></span>
                {it.props.subtitle ? <span className="lp-item-sub"><Shown text={it.props.subtitle} /></span> : null}
              </button>
            ))}
          </div>
        ))}
    </div>
  );
});

const DatePickerView = memo(function DatePickerView({ node }: { node: DesignNode }) {
  const { onTap } = useContext(PreviewCtx);
  const p = node.props;
  const fmt = str(p.dateDisplayFormat) || undefined;
  return (
    <div className="bubble bot date-picker">
      <Media url={p.imageUrl} kind="Image" />
      <p className="dp-title"><Shown text={p.title} /></p>
      {p.subtitle ? <p className="dp-sub"><Shown text={p.subtitle} /></p> : null}
      <div className="dp-slots" role="group" aria-label="Available times">
        {node.children.map((slot) => {
          const label = formatTimeSlot(str(slot.props.dateTime), Number(slot.props.duration) || 0, fmt);
          return (
            <button key={slot.id} type="button" className="chip" onClick={() => onTap(buttonResponse('DatePicker', label, str(slot.props.dateTime)))}>
              {label}
            </button>
          );
        })}
      </div>
    </div>
  );
});

const AttachmentView = memo(function AttachmentView({ node }: { node: DesignNode }) {
  const p = node.props;
  return (
    <div className="bubble bot attachment">
      <Media url={p.url} kind={p.mediaType === 'Video' ? 'Video' : 'Image'} />
      <p className="bubble-text">
        <span aria-hidden="true" className="clip-icon" />{' '}
        <Shown text={p.filename} />
      </p>
      {p.text ? <p className="bubble-text"><Shown text={p.text} /></p> : null}
    </div>
  );
});

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
          <p>“{tap.label}” sends this message back to the bot (ButtonResponse, §7.5):</p>
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
  const deferred = useDeferredValue(issues);
  return (
    <section className="channel-changes" aria-labelledby="changes-title">
      <h3 id="changes-title">What {label} changes</h3>
      {deferred.length === 0 ? (
        <p className="muted">Nothing: {label} gets the message as designed.</p>
      ) : (
        <ul>
          {deferred.map((i, k) => (
            <li key={k} className={`sev-${i.severity}`}>
              <span className="sev">{i.severity}</span> {i.message}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * One received message (a design root imported from what the guest socket got), drawn with
 * the same components as the preview so the test conversation's guest view matches it by
 * construction. Texts arrive already bound, so no sample values apply.
 */
export function MessageView({ root, onTap }: { root: DesignNode; onTap: (t: TapResult) => void }) {
  const ctx = useMemo<Ctx>(() => ({ values: {}, onTap, select: () => {} }), [onTap]);
  const quickReplies = root.children.filter((c) => c.kind === 'quickReply');
  const items = root.children.filter((c) => c.kind !== 'quickReply');
  return (
    <PreviewCtx.Provider value={ctx}>
      <MessageText text={root.props.text} />
      {items.map((n) => (
        <ContentItem key={n.id} node={n} />
      ))}
      {quickReplies.length > 0 && (
        <div className="quick-replies" role="group" aria-label="Quick replies">
          {quickReplies.map((q) => (
            <QuickReplyChip key={q.id} node={q} />
          ))}
        </div>
      )}
    </PreviewCtx.Provider>
  );
}
