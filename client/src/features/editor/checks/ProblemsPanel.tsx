import { memo, useMemo } from 'react';
import { findNode, sortIssues, type Issue } from '@grmd/shared';
import { useDispatch } from '../../../state/store.ts';
import { useUi } from '../../../state/ui.ts';
import { useJudgedDesign, useVerdict } from '../../../state/verdict.ts';
import { nodeLabel } from '../outline/tree.ts';

type Group = { key: string; nodeId?: string; title: string; issues: Issue[] };

/**
 * Every issue of the one verdict (state/verdict.ts: sanitize, validate, the channel and the
 * size, as the server judges a send) and the JSON editor's errors, grouped by node.
 */
export function ProblemsPanel() {
  const design = useJudgedDesign();
  const { jsonIssues } = useUi();
  const { issues } = useVerdict();
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
