import { LimitMeters } from './LimitMeters.tsx';
import { ProblemsPanel } from './ProblemsPanel.tsx';

/** Limit meters and the problems panel: one lazily loaded chunk (validate and compile live here). */
export default function Checks() {
  return (
    <>
      <LimitMeters />
      <ProblemsPanel />
    </>
  );
}
