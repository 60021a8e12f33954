'use client';
/**
 * The small versions strip on the agreement page (owned by the agreements feature; this is the one
 * component it includes): which version is in effect and since when, the calm "changed since you
 * both signed" banner with a link to the diff, an open proposal with a way to its review, the
 * partner's request for changes in their words, and links to History and Versions. When the second
 * signature lands, both partners see the moment here.
 *
 * It polls the status route every few seconds while the page is visible (an edit by either partner
 * is not a socket.io event) and refreshes at once on version events from the partner.
 */
import Link from 'next/link';
import { useCallback, useEffect, useState } from 'react';
import { useLiveEvent } from '../../../../_components/live/live-connection';
import { LocalTime } from '../history/local-time';
import { SignedTogetherMoment } from './signed-together';
import '../history/history.css';
import './review.css';

export interface AgreementVersionStatus {
  inEffect: { number: number; seq: number; since: string } | null;
  changedSinceSigned: boolean;
  proposal: { number: number; state: string; proposedBy: string | null; signedByMe: boolean } | null;
  /** The latest version was answered with a request for changes, and nothing newer was proposed yet. */
  changesAsked: { number: number; by: string; byMe: boolean; comment: string; at: string } | null;
  /** False in a closed space or for an archived agreement: nothing can be proposed or signed. */
  canAct: boolean;
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
              {status.proposal.signedByMe ? (
                <>
                  You have signed it; waiting for your partner. <Link href={`${base}/versions/${status.proposal.number}`}>See what you signed</Link>
                </>
              ) : status.canAct ? (
                <Link href={`${base}/versions/${status.proposal.number}`}>Review and sign</Link>
              ) : (
                <Link href={`${base}/versions/${status.proposal.number}`}>See the proposal</Link>
              )}
            </>
          )}
        </p>
      ) : null}
      {status?.changesAsked ? (
        <div className="changes-asked" role="status" data-testid="changes-asked">
          <p>
            {status.changesAsked.byMe ? 'You asked for changes to version ' : `${status.changesAsked.by} asked for changes to version `}
            {status.changesAsked.number}, <LocalTime iso={status.changesAsked.at} />:
          </p>
          <blockquote>{status.changesAsked.comment}</blockquote>
          {status.canAct ? (
            <p className="muted">
              {status.changesAsked.byMe ? 'Change the text together; either of you can then ' : 'Change the text together, then '}
              <Link href={`${base}/versions#propose-heading`}>propose it again</Link>.
            </p>
          ) : null}
        </div>
      ) : null}
      <SignedTogetherMoment agreementId={agreementId} />
    </div>
  );
}
