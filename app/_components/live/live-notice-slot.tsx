'use client';
/**
 * Where a section's calm line about the partner's latest step appears ("Sam shared a note"). The
 * slot is always there, so a notice arriving never pushes the page about, and screen readers hear it.
 */
export function LiveNoticeSlot({ notice, onDismiss }: { notice: string | null; onDismiss: () => void }) {
  return (
    <div aria-live="polite" className="live-notice-slot">
      {notice ? (
        <p className="notice notice-info live-notice" data-testid="live-notice">
          {notice}
          <button type="button" className="link" onClick={onDismiss} aria-label="Dismiss">
            ×
          </button>
        </p>
      ) : null}
    </div>
  );
}
