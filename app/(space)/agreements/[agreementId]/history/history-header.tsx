import Link from 'next/link';

/** The agreement's title and the links between its page, history and versions. */
export function HistoryHeader({ agreementId, title, current, subtitle }: { agreementId: string; title: string; current: 'history' | 'compare' | 'versions'; subtitle: string }) {
  const link = (href: string, label: string, active: boolean) => (
    <li>
      <Link href={href} aria-current={active ? 'page' : undefined}>
        {label}
      </Link>
    </li>
  );
  return (
    <>
      <p className="breadcrumb">
        <Link href={`/agreements/${agreementId}`}>← Back to the agreement</Link>
      </p>
      <hgroup>
        <h1>{title}</h1>
        <p className="muted">{subtitle}</p>
      </hgroup>
      <nav aria-label="Agreement history">
        <ul className="history-nav">
          {link(`/agreements/${agreementId}/history`, 'Timeline', current === 'history')}
          {link(`/agreements/${agreementId}/history/compare`, 'Compare', current === 'compare')}
          {link(`/agreements/${agreementId}/versions`, 'Versions and signatures', current === 'versions')}
        </ul>
      </nav>
    </>
  );
}
