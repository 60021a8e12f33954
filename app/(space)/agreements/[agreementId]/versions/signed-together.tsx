'use client';
/**
 * The moment both partners have signed: shown to both at once, wherever either has the agreement
 * open (its page, its versions, the review), from the `version-signed` event that says the version
 * is now in effect. The one who signed last also hears it from their own form, so the moment does
 * not depend on their live connection being up at that instant. Nothing is stored: it is a moment.
 */
import { useEffect, useState } from 'react';
import { useLiveEvent } from '../../../../_components/live/live-connection';

/** Same-page signal from the sign form (a window event, so the form need not know where the moment sits). */
export const SIGNED_TOGETHER_EVENT = 'mend-signed-together';

export interface SignedTogetherDetail {
  documentId: string;
  number: number;
}

export function announceSignedTogether(detail: SignedTogetherDetail): void {
  window.dispatchEvent(new CustomEvent<SignedTogetherDetail>(SIGNED_TOGETHER_EVENT, { detail }));
}

export function SignedTogetherMoment({ agreementId }: { agreementId: string }) {
  const [number, setNumber] = useState<number | null>(null);

  useLiveEvent<{ documentId?: string; number?: number; inEffect?: boolean }>('version-signed', (payload) => {
    if (payload.documentId === agreementId && payload.inEffect === true && typeof payload.number === 'number') setNumber(payload.number);
  });
  useEffect(() => {
    const onSigned = (event: Event) => {
      const detail = (event as CustomEvent<SignedTogetherDetail>).detail;
      if (detail?.documentId === agreementId) setNumber(detail.number);
    };
    window.addEventListener(SIGNED_TOGETHER_EVENT, onSigned);
    return () => window.removeEventListener(SIGNED_TOGETHER_EVENT, onSigned);
  }, [agreementId]);

  // The live region is always in the page, so a screen reader announces the moment when it fills.
  return (
    <div role="status" aria-live="polite" className="signed-together-region">
      {number !== null ? (
        <section className="signed-together" data-testid="signed-together" aria-labelledby="signed-together-heading">
          <svg className="signed-together-mark" viewBox="0 0 40 28" width="40" height="28" aria-hidden="true" focusable="false">
            <circle cx="14" cy="14" r="11" />
            <circle cx="26" cy="14" r="11" />
          </svg>
          <div>
            <h2 id="signed-together-heading">You have both signed</h2>
            <p>Version {number} is in effect now: words you chose together. Take a moment with that.</p>
          </div>
          <button type="button" className="secondary outline" onClick={() => setNumber(null)}>
            Close
          </button>
        </section>
      ) : null}
    </div>
  );
}
