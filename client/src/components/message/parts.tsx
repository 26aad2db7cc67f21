/**
 * The parts of a bot message in the look of Genesys Web Messenger. Texts are React text
 * nodes only. Parts are memoised per node: the shared tree ops keep unchanged nodes
 * identical, so a keystroke re-renders only the edited node.
 */
import { memo, useMemo } from 'react';
import { KIND_LABELS, bindText, checkUrl, isNodeKind, type DesignNode } from '@grmd/shared';
import { Bubble, Media, Shown } from './basics.tsx';
import { str, useMessageCtx, useShown, useTap } from './context.ts';
import { DatePickerView, ListPickerView } from './pickers.tsx';
import { tapAction, tapQuickReply } from './response.ts';

export const MessageText = memo(function MessageText({ text }: { text: unknown }) {
  const shown = useShown(text);
  return shown ? <Bubble>{shown}</Bubble> : null;
});

export const ContentItem = memo(function ContentItem({ node }: { node: DesignNode }) {
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

export function QuickReplies({ nodes }: { nodes: DesignNode[] }) {
  if (nodes.length === 0) return null;
  return (
    <div className="quick-replies" role="group" aria-label="Quick replies">
      {nodes.map((q) => (
        <QuickReplyChip key={q.id} node={q} />
      ))}
    </div>
  );
}

const CardView = memo(function CardView({ node, inCarousel }: { node: DesignNode; inCarousel?: boolean }) {
  const { select } = useMessageCtx();
  const p = node.props;
  const title = useShown(p.title);
  const da = p.defaultAction as { url?: unknown } | undefined;
  return (
    <article
      className={inCarousel ? 'card in-carousel' : 'card'}
      aria-label={`Card: ${title || '(no title)'}`}
      // A click on the card body (not its buttons) selects the card in the editor.
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
  const { mayHide } = useMessageCtx();
  const note = mayHide?.get(node.id);
  if (!note) return <ActionControl node={node} />;
  return (
    <span className="may-hide" title={note}>
      <ActionControl node={node} />
      <span className="may-hide-note">{note}</span>
    </span>
  );
});

const ActionControl = memo(function ActionControl({ node }: { node: DesignNode }) {
  const { values } = useMessageCtx();
  const text = useShown(node.props.text);
  const bound = useMemo(() => ({ ...node.props, text, payload: bindText(str(node.props.payload), values), url: bindText(str(node.props.url), values) }), [node.props, text, values]);
  const onClick = useTap(node.id, () => tapAction(bound));
  if (node.props.type === 'Link') {
    const ok = bound.url !== '' && checkUrl(bound.url).ok;
    return ok ? (
      <a className="card-button link" href={bound.url} target="_blank" rel="noopener noreferrer" onClick={onClick}>
        {text} <span aria-hidden="true">↗</span>
      </a>
    ) : (
      <button type="button" className="card-button link" onClick={onClick}>
        {text}
      </button>
    );
  }
  return (
    <button type="button" className="card-button" onClick={onClick}>
      {text}
    </button>
  );
});

const QuickReplyChip = memo(function QuickReplyChip({ node }: { node: DesignNode }) {
  const { values } = useMessageCtx();
  const text = useShown(node.props.text);
  const onClick = useTap(node.id, () => tapQuickReply({ text, payload: bindText(str(node.props.payload), values) }));
  return (
    <button type="button" className="chip" onClick={onClick}>
      {text}
    </button>
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
