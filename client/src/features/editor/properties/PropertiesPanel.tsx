import { memo, useEffect, useId, useMemo, useRef } from 'react';
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
import { useDispatch, useEditor, useStore } from '../../../state/store.ts';
import { FIELDS, actionTypePatch, patchFor, toFormValues, type FieldSpec, type FormValues } from './fields.ts';
import { nodeLabel } from '../outline/tree.ts';
import { markUsable } from '../../../state/usable.ts';

export function PropertiesPanel() {
  // With the outline and the preview, the form is what editing needs: from here the editor is usable.
  useEffect(markUsable, []);
  const node = useEditor((s) => (s.selectedId ? findNode(s.design.root, s.selectedId) : undefined));
  return (
    <section className="panel properties" aria-labelledby="props-title">
      <h2 id="props-title">Properties{node ? `: ${nodeLabel(node)}` : ''}</h2>
      {!node ? (
        <p className="muted">Select a node in the outline to edit it.</p>
      ) : isNodeKind(node.kind) ? (
        <NodeForm key={node.id} node={node} kind={node.kind} />
      ) : (
        <p role="note">“{node.kind}” is not a kind this designer knows. Fix or delete it (see Problems), or edit it in the JSON view.</p>
      )}
    </section>
  );
}

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

function NodeForm({ node, kind }: { node: DesignNode; kind: NodeKind }) {
  const store = useStore();
  const dispatch = useDispatch();
  const variables = useEditor((s) => s.design.variables);
  const resolver = useMemo<Resolver<FormValues>>(() => {
    const zr = zodResolver(PROPS_SCHEMAS[kind] as never) as unknown as Resolver<FormValues>;
    return (values, ctx, opts) => {
      const current = findNode(store.getState().design.root, node.id)?.props ?? {};
      return zr(propsFromForm(kind, values, current), ctx, opts);
    };
  }, [kind, node.id, store]);
  const form = useForm<FormValues>({ defaultValues: toFormValues(kind, node.props), resolver, mode: 'onChange' });
  const { register, control, setValue, formState, watch, reset, getValues, trigger } = form;

  // Form → design on every change (one merged undo step per field).
  useEffect(() => {
    const sub = watch((values, { name }) => {
      if (!name) return;
      const top = name.split('.')[0]!;
      const props = findNode(store.getState().design.root, node.id)?.props ?? {};
      const patch = kind === 'action' && top === 'type' ? actionTypePatch(String(values.type), props) : patchFor(kind, top, values, props);
      dispatch({ type: 'updateProps', id: node.id, patch, field: name });
    });
    return () => sub.unsubscribe();
  }, [watch, dispatch, store, node.id, kind]);

  // Design → form when the props changed elsewhere (undo, JSON edit, type switch).
  useEffect(() => {
    const expected = toFormValues(kind, node.props);
    if (!sameValues(getValues(), expected)) {
      reset(expected, { keepDefaultValues: false });
      void trigger();
    }
  }, [node.props, kind, getValues, reset, trigger]);

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
          {node.children.length} of {CAROUSEL_MAX_CARDS} cards (CAROUSEL_MAX_CARDS). Select the carousel and use “Add Card”.
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
          errors={formState.errors}
          variables={variables}
        />
      ))}
      {rootError && (
        <p className="field-error" role="alert">
          {rootError}
        </p>
      )}
    </form>
  );
}

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
  errors: FieldErrors<FormValues>;
  variables: Variable[];
};

const Field = memo(function Field({ spec, register, control, setValue, errors, variables }: FieldProps) {
  const id = useId();
  const inputRef = useRef<HTMLInputElement | HTMLTextAreaElement | null>(null);
  const value = useWatch({ control, name: spec.name });
  const error = errorAt(errors, spec.name);
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
