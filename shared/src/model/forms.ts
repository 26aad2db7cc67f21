/**
 * The editor's property forms, derived from KINDS: per kind, the fields the form shows, in
 * order, with the label, control, counter limit and variable button each one gets. The
 * shape is the one client/src/editor/fields.ts renders (`name` is the field's path).
 */
import { KINDS, NODE_KINDS, type FieldSpec, type FormInput, type NodeKind } from './kinds.ts';

export type FormValues = Record<string, unknown>;

export type FormFieldSpec = {
  /** Form name; a dot means a nested prop (`receivedMessage.title`). */
  name: string;
  label: string;
  kind: FormInput;
  /** Required props keep '' instead of being removed. */
  required?: boolean;
  max?: number;
  /** The limit constant the counter names. */
  maxName?: string;
  options?: readonly string[];
  /** Whether `{{variables}}` may be inserted. */
  variables?: boolean;
  /** Shown only when this returns true for the current values (the action type switch). */
  when?: (values: FormValues) => boolean;
  hint?: string;
};

function formField(f: FieldSpec): FormFieldSpec {
  const out: FormFieldSpec = { name: f.path, label: f.label, kind: f.input };
  if (f.required) out.required = true;
  if (f.limit) {
    out.max = f.limit.max;
    out.maxName = f.limit.name;
  }
  if (f.options) out.options = f.options;
  if (f.variables) out.variables = true;
  const when = f.shownWhen;
  if (when) {
    out.when = (values) => {
      const v = values[when.path];
      return when.equals !== undefined ? v === when.equals : v !== when.notEquals;
    };
  }
  if (f.hint) out.hint = f.hint;
  return out;
}

export const FORM_FIELDS: Readonly<Record<NodeKind, readonly FormFieldSpec[]>> = Object.fromEntries(
  NODE_KINDS.map((k) => [k, KINDS[k].fields.filter((f) => f.form).map(formField)]),
) as Record<NodeKind, FormFieldSpec[]>;
