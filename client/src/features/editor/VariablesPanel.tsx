import { VARIABLE_NAME_PATTERN, placeholdersIn, walk, type Variable } from '@grmd/shared';
import { useMemo } from 'react';
import type { EditorState } from '../../state/reducer.ts';
import { useDeferredEditor, useDispatch, useEditor } from '../../state/store.ts';

const selectRoot = (s: EditorState) => s.design.root;

/** Names and sample values of the design's `{{variables}}`; samples fill the preview. */
export function VariablesPanel() {
  const variables = useEditor((s) => s.design.variables);
  // Which variables the texts use is not needed on the typing path.
  const root = useDeferredEditor(selectRoot);
  const dispatch = useDispatch();
  const used = useMemo(() => {
    const names = new Set<string>();
    walk(root, (n) => {
      for (const v of Object.values(n.props)) {
        if (typeof v === 'string') for (const name of placeholdersIn(v)) names.add(name);
        else if (v && typeof v === 'object') for (const x of Object.values(v)) if (typeof x === 'string') for (const name of placeholdersIn(x)) names.add(name);
      }
    });
    return [...names];
  }, [root]);
  const undeclared = used.filter((n) => !variables.some((v) => v.name === n));
  const set = (next: Variable[], field: string) => dispatch({ type: 'setVariables', variables: next, field });
  const update = (i: number, patch: Partial<Variable>, field: string) =>
    set(variables.map((v, k) => (k === i ? { ...v, ...patch } : v)), `${i}.${field}`);
  return (
    <section className="panel variables" aria-labelledby="vars-title">
      <h2 id="vars-title">Variables</h2>
      <p className="hint">Use <code>{'{{name}}'}</code> in any text, payload or URL. Sample values fill the preview.</p>
      {variables.length > 0 && (
        <table className="var-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Sample value</th>
              <th scope="col"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody>
            {variables.map((v, i) => {
              const bad = !VARIABLE_NAME_PATTERN.test(v.name);
              return (
                <tr key={i}>
                  <td>
                    <input
                      aria-label={`Variable ${i + 1} name`}
                      value={v.name}
                      aria-invalid={bad || undefined}
                      onChange={(e) => update(i, { name: e.target.value }, 'name')}
                    />
                    {bad && <span className="field-error"> letters, digits, _ and . only</span>}
                  </td>
                  <td>
                    <input aria-label={`Sample value of ${v.name || `variable ${i + 1}`}`} value={v.sample} onChange={(e) => update(i, { sample: e.target.value }, 'sample')} />
                  </td>
                  <td>
                    <button type="button" aria-label={`Remove variable ${v.name || i + 1}`} onClick={() => set(variables.filter((_, k) => k !== i), `remove.${i}.${Date.now()}`)}>
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <div className="var-actions">
        <button type="button" onClick={() => set([...variables, { name: `var${variables.length + 1}`, sample: '' }], `add.${Date.now()}`)}>
          Add variable
        </button>
        {undeclared.map((n) => (
          <button key={n} type="button" onClick={() => set([...variables, { name: n, sample: '' }], `add.${n}.${Date.now()}`)}>
            Declare {`{{${n}}}`}
          </button>
        ))}
      </div>
    </section>
  );
}
