/** List and date pickers: what the customer opens or taps to choose, and the ButtonResponse each choice sends. */
import { memo, useState } from 'react';
import { formatTimeSlot, type DesignNode } from '@grmd/shared';
import { Media, Shown } from './basics.tsx';
import { str, useShown, useTap } from './context.ts';
import { buttonResponse } from './response.ts';

function ListItem({ node }: { node: DesignNode }) {
  const onClick = useTap(node.id, () => buttonResponse('ListPicker', str(node.props.title), str(node.props.id)));
  return (
    <button type="button" className="lp-item" onClick={onClick}>
      <span className="lp-item-title"><Shown text={node.props.title} /></span>
      {node.props.subtitle ? <span className="lp-item-sub"><Shown text={node.props.subtitle} /></span> : null}
    </button>
  );
}

function TimeSlot({ node, label }: { node: DesignNode; label: string }) {
  const onClick = useTap(node.id, () => buttonResponse('DatePicker', label, str(node.props.dateTime)));
  return (
    <button type="button" className="chip" onClick={onClick}>
      {label}
    </button>
  );
}

export const ListPickerView = memo(function ListPickerView({ node }: { node: DesignNode }) {
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
              <ListItem key={it.id} node={it} />
            ))}
          </div>
        ))}
    </div>
  );
});

export const DatePickerView = memo(function DatePickerView({ node }: { node: DesignNode }) {
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
          return <TimeSlot key={slot.id} node={slot} label={label} />;
        })}
      </div>
    </div>
  );
});
