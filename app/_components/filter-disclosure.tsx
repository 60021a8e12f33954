import type { ReactNode } from 'react';

/**
 * The filters of a list page. On a phone they fold into one "Filter" line (naming the filters in use)
 * so the list itself is in sight; on wider screens the fields are always shown (app/globals.css).
 * A native disclosure, so it works without scripts, by keyboard and with screen readers.
 */
export function FilterDisclosure({ active, children }: { active: string[]; children: ReactNode }) {
  return (
    <details className="filter-disclosure">
      <summary>
        Filter{active.length ? <span className="filter-current">: {active.join(' · ')}</span> : null}
      </summary>
      {children}
    </details>
  );
}
