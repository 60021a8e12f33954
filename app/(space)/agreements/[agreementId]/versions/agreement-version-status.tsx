'use client';
/**
 * The small versions strip on the agreement page (owned by the agreements feature; this is the one
 * component it includes): which version is in effect and since when, the calm "changed since you
 * both signed" banner with a link to the diff, an open proposal, and links to History and Versions.
 *
 * It polls the status route every few seconds while the page is visible (an edit by either partner
 * is not a socket.io event) and refreshes at once on version events from the partner.
 */
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { useLiveEvent } from '../../../../_components/live/live-connection';
import { LocalTime } from '../history/local-time';
import '../history/history.css';

export interface AgreementVersionStatus {
  inEffect: { number: number; seq: number; since: string } | null;
  changedSinceSigned: boolean;
  proposal: { number: number; state: string; proposedBy: string | null; signedByMe: boolean } | null;
}

const POLL_MS = 4000;

export function AgreementVersionStrip({ agreementId, initial }: { agreementId: string; initial?: AgreementVersionStatus | null }) {
  const [status, setStatus] = useState<AgreementVersionStatus | null>(initial ?? null);
  const base = `/agreements/${agreementId}`;

  const load = useCallback(async () => {
    try {
      const response = await fetch(`${base}/versions/status`, { cache: 'no-store' });
      if (response.ok) setStatus((await response.json()) as AgreementVersionStatus);
    } catch {
      // Offline for a moment: keep showing the last known status.
    }
  }, [base]);

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') void load();
    }, POLL_MS);
    return () => window.clearInterval(timer);
  }, [load]);

  const onVersionEvent = (payload: { documentId?: string }) => {
    if (payload.documentId === agreementId) void load();
  };
  useLiveEvent('version-proposed', onVersionEvent);
  useLiveEvent('version-signed', onVersionEvent);
  useLiveEvent('version-changes-requested', onVersionEvent);
  useLiveEvent('agreement-restored', onVersionEvent);

  return (
    <div className="agreement-version-strip" data-testid="agreement-versions">
      <p className="version-line">
        {status?.inEffect ? (
          <span className="in-effect" data-testid="in-effect-line">
            Version {status.inEffect.number} in effect since <LocalTime iso={status.inEffect.since} />
          </span>
        ) : status ? (
          <span className="muted">No version signed by both of you yet</span>
        ) : null}
        <Link href={`${base}/history`}>History</Link>
        <Link href={`${base}/versions`}>Versions and signatures</Link>
      </p>
      {status?.inEffect && status.changedSinceSigned ? (
        <div className="version-banner" role="status" data-testid="changed-banner">
          <span>
            Changed since you both signed on <LocalTime iso={status.inEffect.since} format="date" />.
          </span>
          <Link href={`${base}/history/compare?from=${status.inEffect.seq}`}>See what changed</Link>
        </div>
      ) : null}
      {status?.proposal ? (
        <p className="proposal-notice" role="status" data-testid="proposal-notice">
          {status.proposal.state === 'stale' ? (
            <>
              Version {status.proposal.number} was proposed, but the text has changed since, so it can no longer be signed. <Link href={`${base}/versions`}>Propose it again</Link>
            </>
          ) : (
            <>
              {status.proposal.proposedBy} proposed version {status.proposal.number}.{' '}
              {status.proposal.signedByMe ? 'You have signed it; waiting for your partner.' : <Link href={`${base}/versions`}>Review and sign</Link>}
            </>
          )}
        </p>
      ) : null}
    </div>
  );
}
