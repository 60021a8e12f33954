import { describeActivity, type ActivityView } from './describe-activity';

export function ActivityList({ items }: { items: ActivityView[] }) {
  if (items.length === 0) return <p className="muted">Nothing yet.</p>;
  return (
    <ul className="plain activity" data-testid="activity">
      {items.map((item) => (
        <li key={item.id}>
          {describeActivity(item)}
          <time dateTime={item.createdAt}>{new Date(item.createdAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}</time>
        </li>
      ))}
    </ul>
  );
}
