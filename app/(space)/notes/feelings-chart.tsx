/**
 * Each partner's named feelings over the last weeks, as small stacked bars drawn in SVG on the
 * server (no chart library needed for this much). Every bar has a text equivalent in the table
 * below the chart, so the chart never depends on seeing colour.
 */
import { FAMILY_COLOURS, FAMILY_LABELS, type FeelingFamilyOrOwn } from '@/server/domain/feelings/feelings-vocabulary';
import type { ChartWeek, PersonChart } from '@/server/domain/notes/feelings-chart';
import { LocalDay } from '@/app/_components/local-day';

const WIDTH = 320;
const HEIGHT = 150;
const AXIS = 24;
const TOP = 8;
/** Room at both ends so the first and last week labels are not cut off. */
const SIDE = 20;

const familyColour = (family: string) => FAMILY_COLOURS[(family in FAMILY_COLOURS ? family : 'own') as FeelingFamilyOrOwn];
const familyLabel = (family: string) => FAMILY_LABELS[(family in FAMILY_LABELS ? family : 'own') as FeelingFamilyOrOwn];
const shortDate = (iso: string) => <LocalDay day={iso} bare weekday={false} year={false} month="short" />;

export function FeelingsChart({ weeks, people }: { weeks: ChartWeek[]; people: Array<PersonChart & { name: string; note?: string }> }) {
  const scale = Math.max(5, ...people.map((p) => p.maxWeight));
  const families = [...new Set(people.flatMap((p) => p.weeks.flatMap((w) => w.map((s) => s.family))))];
  return (
    <div className="feelings-chart" data-testid="feelings-chart">
      <div className="chart-people">
        {people.map((person) => (
          <figure key={person.authorId} className="chart-person">
            <figcaption>
              <strong>{person.name}</strong>
              {person.note ? <small className="muted"> {person.note}</small> : null}
            </figcaption>
            <PersonBars person={person} weeks={weeks} scale={scale} />
          </figure>
        ))}
      </div>
      {families.length > 0 ? (
        <ul className="chart-legend" aria-label="Feeling families">
          {families.map((family) => (
            <li key={family}>
              <span className="legend-swatch" style={{ background: familyColour(family) }} aria-hidden="true" />
              {familyLabel(family)}
            </li>
          ))}
        </ul>
      ) : null}
      <details className="chart-table">
        <summary>Show the chart as a table</summary>
        <div className="overflow-auto">
          <table>
            <thead>
              <tr>
                <th scope="col">Week of</th>
                {people.map((p) => (
                  <th key={p.authorId} scope="col">{p.name}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {weeks.map((week, i) => (
                <tr key={week.start}>
                  <th scope="row">{shortDate(week.start)}</th>
                  {people.map((p) => (
                    <td key={p.authorId}>{p.weeks[i]!.length === 0 ? '—' : p.weeks[i]!.map((s) => `${familyLabel(s.family)} ${s.count}× (strength ${s.weight})`).join(', ')}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </div>
  );
}

function PersonBars({ person, weeks, scale }: { person: PersonChart; weeks: ChartWeek[]; scale: number }) {
  const plotHeight = HEIGHT - AXIS - TOP;
  const slot = (WIDTH - 2 * SIDE) / weeks.length;
  const barWidth = Math.min(26, slot * 0.6);
  const summary = person.total === 0 ? 'No shared feelings in these weeks.' : `Feelings named over ${weeks.length} weeks, strength ${person.total} in all.`;
  return (
    <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${summary} Details in the table below.`} className="chart-svg">
      <line x1={0} x2={WIDTH} y1={TOP + plotHeight + 0.5} y2={TOP + plotHeight + 0.5} stroke="#cfd8d4" />
      {weeks.map((week, i) => {
        const x = SIDE + i * slot + (slot - barWidth) / 2;
        let y = TOP + plotHeight;
        return (
          <g key={week.start}>
            {person.weeks[i]!.map((segment) => {
              const h = (segment.weight / scale) * plotHeight;
              y -= h;
              return (
                <rect key={segment.family} x={x} y={y} width={barWidth} height={Math.max(h - 1, 1)} rx={2} fill={familyColour(segment.family)}>
                  <title>{`${familyLabel(segment.family)}: named ${segment.count}×, strength ${segment.weight}`}</title>
                </rect>
              );
            })}
            {i % 2 === (weeks.length - 1) % 2 ? (
              <text x={SIDE + i * slot + slot / 2} y={HEIGHT - 6} textAnchor="middle" fontSize="12" fill="#5b6670">
                {shortDate(week.start)}
              </text>
            ) : null}
          </g>
        );
      })}
      {person.total === 0 ? (
        <text x={WIDTH / 2} y={TOP + plotHeight / 2} textAnchor="middle" fontSize="12" fill="#5b6670">
          Nothing shared in these weeks
        </text>
      ) : null}
    </svg>
  );
}
