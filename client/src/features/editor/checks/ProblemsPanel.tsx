import { memo, useDeferredValue, useMemo } from 'react';
import DOMPurify from 'dompurify';
import { findNode, sanitizeDesign, sortIssues, validate, type Issue } from '@grmd/shared';
import { useDispatch, useEditor } from '../../../state/store.ts';
import { useUi } from '../../../state/ui.ts';
import { nodeLabel } from '../outline/tree.ts';

type Group = { key: string; nodeId?: string; title: string; issues: Issue[] };

/**
 * Every issue of the shared validate (for the preview channel), what the shared sanitize
 * policy would strip or block (the same pass the server runs before a send), and JSON editor
 * errors, grouped by node.
 */
export function ProblemsPanel() {
  const design = useDeferredValue(useEditor((s) => s.design));
  const { channel, jsonIssues } = useUi();
  const issues = useMemo(() => {
    const found = validate(design, { channel });
    const seen = new Set(found.map((i) => `${i.code}|${i.path}`));
    for (const i of sanitizeDesign(design, DOMPurify).issues) if (!seen.has(`${i.code}|${i.path}`)) found.push(i);
    return found;
  }, [design, channel]);
  const groups = useMemo(() => {
    const all = sortIssues([...jsonIssues, ...issues]);
    const map = new Map<string, Group>();
    for (const i of all) {
      const node = i.nodeId ? findNode(design.root, i.nodeId) : undefined;
      const key = node ? node.id : i.code.startsWith('json.') || jsonIssues.includes(i) ? 'json' : 'design';
      let g = map.get(key);
      if (!g) {
        g = { key, nodeId: node?.id, title: node ? nodeLabel(node) : key === 'json' ? 'JSON editor' : 'Design', issues: [] };
        map.set(key, g);
      }
      g.issues.push(i);
    }
    return [...map.values()];
  }, [issues, jsonIssues, design.root]);
  const errors = issues.filter((i) => i.severity === 'error').length + jsonIssues.filter((i) => i.severity === 'error').length;
  const warnings = issues.filter((i) => i.severity === 'warning').length + jsonIssues.filter((i) => i.severity === 'warning').length;
  return (
    <section className="panel problems" aria-labelledby="problems-title">
      <h2 id="problems-title">
        Problems <span className="count">({errors} errors, {warnings} warnings)</span>
      </h2>
      {groups.length === 0 ? (
        <p className="muted">No problems.</p>
      ) : (
        <ul className="problem-groups">
          {groups.map((g) => (
            <ProblemGroup key={g.key} group={g} />
          ))}
        </ul>
      )}
    </section>
  );
}

const ProblemGroup = memo(function ProblemGroup({ group }: { group: Group }) {
  const dispatch = useDispatch();
  return (
    <li>
      <h3 className="problem-node">{group.title}</h3>
      <ul aria-label={`Problems of ${group.title}`}>
        {group.issues.map((i, k) => (
          <li key={k} className={`problem sev-${i.severity}`}>
            <button
              type="button"
              className="problem-button"
              onClick={() => group.nodeId && dispatch({ type: 'select', id: group.nodeId })}
              disabled={!group.nodeId}
            >
              <span className="sev">{i.severity}</span> {i.message}
              {i.path ? <code className="path"> {i.path}</code> : null}
            </button>
          </li>
        ))}
      </ul>
    </li>
  );
});
