import type { Meter } from '@grmd/shared';
import { useVerdict } from '../../../state/verdict.ts';

/**
 * The <meter> regions follow the verdict: up to the limit is the optimum region (at a limit
 * is allowed), over it is "suboptimal" (amber) when its rule warns and "even less good"
 * (red) only when its rule reports an error.
 */
function regions(b: Meter) {
  const top = Math.max(b.value, b.max);
  return { max: top, low: b.max, high: b.severity === 'error' ? b.max : top };
}

export function LimitMeters() {
  // The verdict's meters: counted as its rules count, coloured by its issues.
  const list = useVerdict().meters;
  return (
    <section className="panel meters" aria-labelledby="meters-title">
      <h2 id="meters-title">Limits</h2>
      <ul className="meter-list">
        {list.map((b) => {
          const over = b.value > b.max;
          return (
            <li key={b.id} className={b.severity ? `over sev-${b.severity}` : ''}>
              <label htmlFor={`meter-${b.id}`}>{b.label}</label>
              <span className="meter-value" data-testid={`budget-${b.id}`}>
                {b.value} / {b.max} <abbr title={`limit constant ${b.limit}`}>{b.limit}</abbr>
                {over ? ' — over the limit' : ''}
              </span>
              <meter id={`meter-${b.id}`} min={0} {...regions(b)} optimum={0} value={b.value} aria-valuetext={`${b.value} of ${b.max}`} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
