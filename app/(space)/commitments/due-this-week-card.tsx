import Link from 'next/link';
import { getDb } from '@/server/db/process-database';
import { listDueThisWeek } from '@/server/domain/commitments/list-due-this-week';
import { describePeriod, formatDay, isOneDay } from './format';
import './commitments.css';

/**
 * The space page's calm "due this week": each active commitment with a period this week and, per
 * period, whether you have given your view. No counts, badges or reminders.
 */
export async function DueThisWeekCard({ viewerId }: { viewerId: string }) {
  const items = await listDueThisWeek(getDb(), { userId: viewerId });
  return (
    <section className="card" aria-labelledby="due-heading" data-testid="due-this-week">
      <div className="row">
        <h2 id="due-heading">This week’s commitments</h2>
        <Link href="/commitments">All commitments</Link>
      </div>
      {items.length === 0 ? (
        <p className="muted">Nothing to check in on this week.</p>
      ) : (
        <ul className="plain commitment-due-list">
          {items.map((item) => (
            <li key={item.commitmentId}>
              <Link href={`/commitments/${item.commitmentId}`}>{item.text}</Link>
              <span className="muted small"> · {item.mine ? 'yours' : `${item.ownerName}’s`}</span>
              <br />
              <span className="small">
                {item.periods.map((p, i) => (
                  <span key={p.start}>
                    {i > 0 ? ', ' : ''}
                    {isOneDay(p) ? formatDay(p.start, { weekdayOnly: true }) : describePeriod(p)}
                    {p.checkedIn ? ' (your view given)' : ''}
                  </span>
                ))}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
