import { memo, useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useForm, useWatch, type Control, type FieldErrors, type Resolver, type UseFormRegister, type UseFormSetValue } from 'react-hook-form';
import { zodResolver } from '@hookform/resolvers/zod';
import {
  CAROUSEL_MAX_CARDS,
  KIND_LABELS,
  PROPS_SCHEMAS,
  bindText,
  charLength,
  checkUrl,
  findNode,
  isNodeKind,
  resolveVariables,
  type DesignNode,
  type NodeKind,
  type Variable,
} from '@grmd/shared';
import type { EditorState } from '../../../state/reducer.ts';
import { useDeferredEditor, useDispatch, useEditor, useStore } from '../../../state/store.ts';
import { FIELDS, actionTypePatch, patchFor, toFormValues, type FieldSpec, type FormValues } from './fields.ts';
import { nodeLabel } from '../outline/tree.ts';
import { markUsable } from '../../../state/usable.ts';

// What the panel draws of the selected node, each as a plain value, so a keystroke in the
// form re-renders the header at most and never the form itself (the form keeps its own
// values; the design's copy comes back to it in a transition, see NodeForm).
let last: { root: unknown; id: string | null; node: DesignNode | undefined } = { root: null, id: null, node: undefined };
/** The selected node, looked up once per design and selection (the three selectors below share it). */
const selected = (s: EditorState): DesignNode | undefined => {
  if (last.root !== s.design.root || last.id !== s.selectedId) last = { root: s.design.root, id: s.selectedId, node: s.selectedId ? findNode(s.design.root, s.selectedId) : undefined };
  return last.node;
};
const selectedId = (s: EditorState) => selected(s)?.id;
const selectedKind = (s: EditorState) => selected(s)?.kind;
const selectedLabel = (s: EditorState) => {
  const n = selected(s);
  return n ? nodeLabel(n) : '';
};

export function PropertiesPanel() {
  // With the outline and the preview, the form is what editing needs: from here the editor is usable.
  useEffect(markUsable, []);
  const id = useEditor(selectedId);
  const kind = useEditor(selectedKind);
  const label = useEditor(selectedLabel);
  return (
    <section className="panel properties" aria-labelledby="props-title">
      <h2 id="props-title">Properties{label ? `: ${label}` : ''}</h2>
      {id === undefined || kind === undefined ? (
        <p className="muted">Select a node in the outline to edit it.</p>
      ) : isNodeKind(kind) ? (
        <NodeForm key={id} nodeId={id} kind={kind} />
      ) : (
        <p role="note">“{kind}” is not a kind this designer knows. Fix or delete it (see Problems), or edit it in the JSON view.</p>
      )}
    </section>
  );
}

const EMPTY: Record<string, unknown> = {};

function sameValues(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || !a || !b) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => sameValues((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Props the form would produce, for schema validation. */
function propsFromForm(kind: NodeKind, values: FormValues, props: Record<string, unknown>): Record<string, unknown> {
  let out = { ...props };
  const tops = new Set(FIELDS[kind].map((f) => f.name.split('.')[0]!));
  for (const top of tops) out = { ...out, ...patchFor(kind, top, values, out) };
  for (const k of Object.keys(out)) if (out[k] === undefined) delete out[k];
  return out;
}

const NodeForm = memo(function NodeForm({ nodeId, kind }: { nodeId: string; kind: NodeKind }) {
  const store = useStore();
  const dispatch = useDispatch();
  const variables = useEditor((s) => s.design.variables);
  // The node as the design has it, followed in a transition: the form's own edits are already
  // in the form, so only changes made elsewhere (undo, the JSON view) need it, and not at once.
  const [first] = useState(() => findNode(store.getState().design.root, nodeId));
  const node = useDeferredEditor(useCallback((s: EditorState) => findNode(s.design.root, nodeId), [nodeId])) ?? first;
  const props = node?.props ?? EMPTY;
  const resolver = useMemo<Resolver<FormValues>>(() => {
    const zr = zodResolver(PROPS_SCHEMAS[kind] as never) as unknown as Resolver<FormValues>;
    return (values, ctx, opts) => {
      const current = findNode(store.getState().design.root, nodeId)?.props ?? {};
      return zr(propsFromForm(kind, values, current), ctx, opts);
    };
  }, [kind, nodeId, store]);
  const form = useForm<FormValues>({ defaultValues: toFormValues(kind, props), resolver, mode: 'onChange' });
  const { register, control, setValue, formState, watch, reset, getValues, trigger } = form;

  // Form → design on every change (one merged undo step per field).
  useEffect(() => {
    const sub = watch((values, { name }) => {
      if (!name) return;
      const top = name.split('.')[0]!;
      const current = findNode(store.getState().design.root, nodeId)?.props ?? {};
      const patch = kind === 'action' && top === 'type' ? actionTypePatch(String(values.type), current) : patchFor(kind, top, values, current);
      dispatch({ type: 'updateProps', id: nodeId, patch, field: name });
    });
    return () => sub.unsubscribe();
  }, [watch, dispatch, store, nodeId, kind]);

  // Design → form when the props changed elsewhere (undo, JSON edit, type switch).
  useEffect(() => {
    // Stale (the form has moved on since; a newer copy is on its way): resetting to it would
    // undo what was just typed.
    if (findNode(store.getState().design.root, nodeId)?.props !== props) return;
    const expected = toFormValues(kind, props);
    if (!sameValues(getValues(), expected)) {
      reset(expected, { keepDefaultValues: false });
      void trigger();
    }
  }, [props, kind, getValues, reset, trigger, store, nodeId]);

  // Show schema problems of imported props straight away.
  useEffect(() => {
    void trigger();
  }, [trigger]);

  const type = useWatch({ control, name: 'type' });
  const fields = FIELDS[kind].filter((f) => !f.when || f.when({ type }));
  const rootError = (formState.errors as Record<string, { message?: string }>).root?.message ?? (formState.errors as Record<string, { message?: string }>)['']?.message;

  return (
    <form className="node-form" onSubmit={(e) => e.preventDefault()} aria-label={`${KIND_LABELS[kind]} properties`} noValidate>
      {kind === 'carousel' && (
        <p className="muted">
          {node?.children.length ?? 0} of {CAROUSEL_MAX_CARDS} cards (CAROUSEL_MAX_CARDS). Select the carousel and use “Add Card”.
        </p>
      )}
      {kind === 'message' && (
        <p className="muted">The message holds the content items: quick replies, cards, a carousel, a list picker, a date picker or an attachment.</p>
      )}
      {fields.map((f) => (
        <Field
          key={f.name}
          spec={f}
          register={register}
          control={control}
          setValue={setValue}
          error={errorAt(formState.errors, f.name)}
          variables={variables}
          defaults={formState.defaultValues}
        />
      ))}
      {rootError && (
        <p className="field-error" role="alert">
          {rootError}
        </p>
      )}
    </form>
  );
});

function errorAt(errors: FieldErrors<FormValues>, name: string): string | undefined {
  let cur: unknown = errors;
  for (const part of name.split('.')) {
    if (!cur || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  const m = (cur as { message?: unknown } | undefined)?.message;
  return typeof m === 'string' ? m : undefined;
}

type FieldProps = {
  spec: FieldSpec;
  register: UseFormRegister<FormValues>;
  control: Control<FormValues>;
  setValue: UseFormSetValue<FormValues>;
  /** This field's error only, so the other fields do not re-render when the form is validated. */
  error: string | undefined;
  /**
   * New after every reset of the form (undo, the JSON view, a type switch), which drops the
   * fields' registrations: the fields must render (and so register) again.
   */
  defaults: unknown;
  variables: Variable[];
};

const Field = memo(function Field({ spec, register, control, setValue, error, variables }: FieldProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const value = useWatch({ control, name: spec.name });
  const reg = register(spec.name);
  const setRef = (el: HTMLInputElement | HTMLTextAreaElement | null) => {
    reg.ref(el);
    inputRef.current = el;
  };
  const text = typeof value === 'string' ? value : '';
  const samples = useMemo(() => resolveVariables({ variables }), [variables]);
  const urlCheck = spec.kind === 'url' && text !== '' ? checkUrl(bindText(text, samples)) : null;
  const urlMessage = urlCheck ? (urlCheck.ok ? urlCheck.warning?.message : urlCheck.message) : undefined;
  // Counted as validate counts it (code points, variables bound to their samples), so the
  // counter and the problems panel never disagree.
  const length = spec.max !== undefined ? charLength(bindText(text, samples)) : 0;
  const over = spec.max !== undefined && length > spec.max;
  const describedBy = [spec.max !== undefined ? `${id}-count` : '', error || (urlCheck && !urlCheck.ok) ? `${id}-error` : '', spec.hint ? `${id}-hint` : '', urlCheck?.ok && urlMessage ? `${id}-warn` : '']
    .filter(Boolean)
    .join(' ') || undefined;
  const invalid = Boolean(error) || over || (urlCheck !== null && !urlCheck.ok);

  const insertVariable = (name: string) => {
    const el = inputRef.current;
    const token = `{{${name}}}`;
    const start = el?.selectionStart ?? text.length;
    const end = el?.selectionEnd ?? start;
    const next = text.slice(0, start) + token + text.slice(end);
    setValue(spec.name, next, { shouldDirty: true, shouldValidate: true });
    requestAnimationFrame(() => {
      if (!el) return;
      el.focus();
      el.setSelectionRange(start + token.length, start + token.length);
    });
  };

  if (spec.kind === 'radio') {
    return (
      <fieldset className="field radio-group">
        <legend>{spec.label}</legend>
        {spec.options!.map((o) => (
          <label key={o} className="radio">
            <input type="radio" value={o} {...reg} /> {o}
          </label>
        ))}
      </fieldset>
    );
  }
  if (spec.kind === 'checkbox') {
    return (
      <div className="field checkbox">
        <label>
          <input type="checkbox" {...reg} /> {spec.label}
        </label>
      </div>
    );
  }
  return (
    <div className={`field${invalid ? ' invalid' : ''}`}>
      <div className="field-head">
        <label htmlFor={id}>{spec.label}</label>
        {spec.max !== undefined && (
          <span id={`${id}-count`} className={over ? 'counter over' : 'counter'}>
            {length}/{spec.max}
            {over ? ` — ${length - spec.max} over ${spec.maxName}` : ''}
          </span>
        )}
      </div>
      <div className="field-row">
        {spec.kind === 'textarea' ? (
          <textarea id={id} rows={3} aria-invalid={invalid || undefined} aria-describedby={describedBy} {...reg} ref={setRef} />
        ) : spec.kind === 'select' ? (
          <select id={id} aria-describedby={describedBy} {...reg}>
            {!spec.required && <option value="">(not set)</option>}
            {spec.options!.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        ) : (
          <input
            id={id}
            type={spec.kind === 'number' ? 'number' : spec.kind === 'url' ? 'url' : 'text'}
            inputMode={spec.kind === 'url' ? 'url' : undefined}
            spellCheck={spec.kind === 'url' ? false : undefined}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            {...reg}
            ref={setRef}
          />
        )}
        {spec.variables && (
          <select
            className="insert-variable"
            aria-label={`Insert variable into ${spec.label}`}
            value=""
            onChange={(e) => {
              if (e.target.value) insertVariable(e.target.value);
            }}
          >
            <option value="">{'{{…}}'}</option>
            {variables.length === 0 && (
              <option value="" disabled>
                No variables yet: add one in Variables
              </option>
            )}
            {variables.map((v) => (
              <option key={v.name} value={v.name}>
                {`{{${v.name}}}`}
              </option>
            ))}
          </select>
        )}
      </div>
      {spec.hint && (
        <p id={`${id}-hint`} className="hint">
          {spec.hint}
        </p>
      )}
      {(error || (urlCheck && !urlCheck.ok)) && (
        <p id={`${id}-error`} className="field-error">
          {urlCheck && !urlCheck.ok ? urlCheck.message : error}
        </p>
      )}
      {urlCheck?.ok && urlMessage && (
        <p id={`${id}-warn`} className="field-warning">
          {urlMessage}
        </p>
      )}
    </div>
  );
});
