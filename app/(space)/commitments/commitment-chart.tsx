/**
 * A commitment over the weeks: one row per week (Monday to Sunday, the committer's time zone), and in
 * it each period's two views side by side, in words and shapes. It is a picture of what each of you
 * said, not a score: no percentages, totals or streaks.
 */
import type { CheckInValue } from '@/drizzle/schema';
import type { PeriodView } from '@/server/domain/commitments/check-in-view';
import { CHECK_IN_WORDS, formatDay } from './format';

interface Side {
  name: string;
  view: PeriodView['mine'];
  /** Why there is nothing to show. */
  empty: string;
}

function Shape({ value }: { value: CheckInValue | null }) {
  return <span className={`commitment-shape commitment-shape--${value ?? 'none'}`} aria-hidden="true" />;
}

function ViewCell({ side }: { side: Side }) {
  return (
    <span className="commitment-view" title={side.view?.note ?? undefined}>
      <Shape value={side.view?.value ?? null} />
      <span className="commitment-view-words">
        <span className="commitment-view-name">{side.name}</span> {side.view ? CHECK_IN_WORDS[side.view.value] : <span className="muted">{side.empty}</span>}
      </span>
    </span>
  );
}

export function CommitmentChart({
  weeks,
  viewerIsOwner,
  ownerName,
  partnerName,
}: {
  weeks: Array<{ monday: string; periods: PeriodView[] }>;
  viewerIsOwner: boolean;
  ownerName: string;
  partnerName: string;
}) {
  if (weeks.length === 0) return <p className="muted">The chart starts with the first period.</p>;
  return (
    <ol className="commitment-chart" data-testid="commitment-chart">
      {[...weeks].reverse().map((week) => (
        <li key={week.monday} className="commitment-week">
          <span className="commitment-week-label">Week of {formatDay(week.monday, { weekday: false })}</span>
          {week.periods.length === 0 ? (
            <span className="muted small">Nothing due this week.</span>
          ) : (
            <ul className="plain commitment-periods">
              {week.periods.map((period) => {
                const mine: Side = { name: 'You', view: period.mine, empty: period.ended ? 'gave no view' : 'not yet given' };
                const theirs: Side = {
                  name: viewerIsOwner ? partnerName : ownerName,
                  view: period.partners,
                  empty: period.partnersWaitsForMine ? 'shown once you give yours' : period.ended ? 'gave no view' : 'not yet given',
                };
                // The committer's view first, the partner's beside it, for both people alike.
                const [left, right] = viewerIsOwner ? [mine, theirs] : [theirs, mine];
                return (
                  <li key={period.start} className="commitment-period" data-testid="chart-period" data-period={period.start}>
                    <span className="commitment-period-day">{formatDay(period.start)}</span>
                    <ViewCell side={left} />
                    <ViewCell side={right} />
                  </li>
                );
              })}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
