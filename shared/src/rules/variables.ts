/**
 * Variable rules: the design's declarations (names, samples), every `{{name}}` a text, URL
 * or payload uses, and declared variables nothing uses.
 */
import { VARIABLE_NAME_PATTERN } from '../model/design.ts';
import { appendPath } from '../model/paths.ts';
import { placeholdersIn } from '../model/variables.ts';
import { isObject, quote, typeName, type Collector, type Json, type RuleContext } from './report.ts';

export type DeclaredVariables = {
  /** Declared name → sample ('' when none). */
  declared: Map<string, string>;
  /** The raw list, to name a declaration by its index. */
  list: readonly unknown[];
};

/** Checks the declarations and returns the sound ones. */
export function checkDeclarations(variables: unknown, out: Collector): DeclaredVariables {
  const declared = new Map<string, string>();
  if (variables !== undefined && !Array.isArray(variables)) {
    out.add('error', 'design.variables', `variables must be a list of {name, sample}; found ${typeName(variables)}.`, 'variables');
  }
  const list = Array.isArray(variables) ? variables : [];
  const seen = new Set<string>();
  list.forEach((v, i) => {
    const path = `variables[${i}]`;
    if (!isObject(v)) {
      out.add('error', 'variable.not_object', `Variable ${i + 1} must be an object {name, sample}; found ${typeName(v)}.`, path);
      return;
    }
    if (typeof v.name !== 'string' || !VARIABLE_NAME_PATTERN.test(v.name)) {
      out.add(
        'error',
        'variable.name_invalid',
        `Variable name ${typeof v.name === 'string' ? quote(v.name) : `(${typeName(v.name)})`} is not valid: use letters, digits, _ and . only, not starting with a digit.`,
        `${path}.name`,
      );
    } else if (seen.has(v.name)) {
      out.add('error', 'variable.name_duplicate', `Variable ${quote(v.name)} is declared more than once; names must be unique.`, `${path}.name`);
    } else {
      seen.add(v.name);
      if (v.sample !== undefined && typeof v.sample !== 'string') {
        out.add('error', 'variable.sample_invalid', `The sample of variable ${quote(v.name)} must be text; found ${typeName(v.sample)}.`, `${path}.sample`);
      }
      declared.set(v.name, typeof v.sample === 'string' ? v.sample : '');
    }
    if (v.description !== undefined && typeof v.description !== 'string') {
      out.add('error', 'variable.description_invalid', `A variable description must be text; found ${typeName(v.description)}.`, `${path}.description`);
    }
  });
  return { declared, list };
}

/** Binding values (samples overridden by `given`) and the names a placeholder may use. */
export function bindingValues(declared: Map<string, string>, given: unknown): { values: Record<string, string>; known: Set<string> } {
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of declared) values[k] = v;
  const known = new Set(declared.keys());
  if (isObject(given)) {
    for (const [k, v] of Object.entries(given)) {
      if (typeof v === 'string') {
        values[k] = v;
        known.add(k);
      }
    }
  }
  return { values, known };
}

/** Every placeholder in any string of the props: record its use, warn when it is not known. */
export function scanVariables(props: Json, path: string, id: string | undefined, ctx: RuleContext): void {
  const stack: Array<{ v: unknown; at: PropertyKey[] }> = [{ v: props, at: [] }];
  // Props are shallow in practice; the budget and depth cut-off only guard against hostile input.
  let budget = 10_000;
  while (stack.length && budget-- > 0) {
    const { v, at } = stack.pop()!;
    if (typeof v === 'string') {
      for (const name of placeholdersIn(v)) {
        ctx.used.add(name);
        if (!ctx.known.has(name)) {
          const p = appendPath(path, at);
          ctx.out.add(
            'warning',
            'variable.unknown',
            `{{${name}}} (${p}) is not a declared variable, so it has no sample and stays as typed unless a value is given at send time; declare it under Variables.`,
            p,
            id,
          );
        }
      }
    } else if (at.length < 8) {
      if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, at: [...at, i] }));
      else if (isObject(v)) for (const [k, x] of Object.entries(v)) stack.push({ v: x, at: [...at, k] });
    }
  }
}

/** Declared variables no text, URL or payload uses. */
export function checkUnused({ declared, list }: DeclaredVariables, ctx: RuleContext): void {
  for (const [name] of declared) {
    if (!ctx.used.has(name)) {
      const i = list.findIndex((v) => isObject(v) && v.name === name);
      ctx.out.add('info', 'variable.unused', `Variable ${quote(name)} is declared but no text, URL or payload uses it.`, `variables[${i}].name`);
    }
  }
}
