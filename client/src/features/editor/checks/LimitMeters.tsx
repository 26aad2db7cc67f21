import { useVerdict } from '../../../state/verdict.ts';

export function LimitMeters() {
  // The verdict's meters: counted as its rules count, so a red meter always has a problem listed.
  const list = useVerdict().meters;
  return (
    <section className="panel meters" aria-labelledby="meters-title">
      <h2 id="meters-title">Limits</h2>
      <ul className="meter-list">
        {list.map((b) => {
          const over = b.value > b.max;
          return (
            <li key={b.id} className={over ? 'over' : b.value === b.max ? 'full' : ''}>
              <label htmlFor={`meter-${b.id}`}>{b.label}</label>
              <meter id={`meter-${b.id}`} min={0} max={b.max} low={b.max * 0.75} high={b.max * 0.9} optimum={0} value={Math.min(b.value, b.max)} aria-valuetext={`${b.value} of ${b.max}`} />
              <span className="meter-value" data-testid={`budget-${b.id}`}>
                {b.value} / {b.max} <abbr title={`limit constant ${b.limit}`}>{b.limit}</abbr>
                {over ? ' — over the limit' : ''}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
