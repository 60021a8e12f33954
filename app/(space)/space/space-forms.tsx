'use client';
import { useActionState, useState } from 'react';
import { Field, FormMessage } from '../../_components/field';
import { LocalTime } from '../../_components/local-time';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import { createInviteAction, createSpaceAction, leaveSpaceAction, revokeInviteAction } from './actions';

export function CreateSpaceForm() {
  const [state, action] = useActionState(createSpaceAction, initialActionState);
  return (
    <form action={action} noValidate>
      <FormMessage ok={state.ok} message={state.message} />
      <Field label="Name of your space" name="name" placeholder="Alex & Sam" required defaultValue={state.values?.name} errors={state.fieldErrors?.name} hint="Only the two of you will see it." />
      <SubmitButton pendingText="Creating…">Create our space</SubmitButton>
    </form>
  );
}

export function InvitePanel({ spaceId, openInvites }: { spaceId: string; openInvites: Array<{ id: string; createdAt: string; expiresAt: string }> }) {
  const [state, action] = useActionState(createInviteAction, initialActionState);
  const [copied, setCopied] = useState(false);
  const link = state.ok ? state.data?.link : undefined;
  return (
    <section className="card" aria-labelledby="invite-heading">
      <h2 id="invite-heading">Invite your partner</h2>
      <p className="muted">Make a link and send it to your partner however you usually talk. It works once and expires after 7 days.</p>
      <form action={action}>
        <input type="hidden" name="spaceId" value={spaceId} />
        <FormMessage ok={state.ok} message={state.message} />
        {link ? (
          <div className="invite-link">
            <label htmlFor="invite-link" className="visually-hidden" hidden>Invite link</label>
            <input id="invite-link" readOnly value={link} aria-label="Invite link" onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(link).then(() => setCopied(true), () => setCopied(false));
              }}
            >
              {copied ? 'Copied' : 'Copy link'}
            </button>
          </div>
        ) : (
          <SubmitButton pendingText="Making a link…">Make an invite link</SubmitButton>
        )}
      </form>
      {openInvites.length > 0 ? (
        <>
          <h3>Open invite links</h3>
          <ul className="plain">
            {openInvites.map((invite) => (
              <li key={invite.id} className="row">
                <span>
                  Made <LocalTime iso={invite.createdAt} />, expires <LocalTime iso={invite.expiresAt} />
                </span>
                <RevokeInviteButton spaceId={spaceId} inviteId={invite.id} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function RevokeInviteButton({ spaceId, inviteId }: { spaceId: string; inviteId: string }) {
  const [state, action] = useActionState(revokeInviteAction, initialActionState);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="spaceId" value={spaceId} />
      <input type="hidden" name="inviteId" value={inviteId} />
      {state.message && !state.ok ? <span role="alert" className="muted">{state.message} </span> : null}
      <SubmitButton className="secondary outline" pendingText="Withdrawing…">Withdraw link</SubmitButton>
    </form>
  );
}

export function LeaveSpaceForm({ spaceId, hasPartner, partnerName }: { spaceId: string; hasPartner: boolean; partnerName: string | null }) {
  const [state, action] = useActionState(leaveSpaceAction, initialActionState);
  return (
    <details className="leave-space">
      <summary>Leave this space</summary>
      <form action={action}>
        <input type="hidden" name="spaceId" value={spaceId} />
        {hasPartner ? (
          <>
            <p>You can leave at any time, with no reason needed. If you leave:</p>
            <ul data-testid="leave-consequences">
              <li>This space closes for good. {partnerName ?? 'Your partner'} keeps read-only access to what was shared here, and can export it.</li>
              <li>Your private drafts and any check-in that was never revealed are deleted.</li>
              <li>Your journal is yours: it stays with you.</li>
              <li>Nothing of this space will ever be shown to anyone new. A new partner means a new space.</li>
            </ul>
            <p>
              Before you go, you can keep a copy:{' '}
              <a href={`/space/export?space=${spaceId}`} download>
                export what was shared (Markdown)
              </a>
              .
            </p>
          </>
        ) : (
          <p>You are the only member: leaving deletes this space and everything in it. Your journal is yours and stays with you.</p>
        )}
        <FormMessage ok={state.ok} message={state.message} />
        <label>
          <input type="checkbox" name="confirm" value="yes" aria-invalid={state.fieldErrors?.confirm ? true : undefined} /> I understand, leave the space
        </label>
        <SubmitButton className="secondary" pendingText="Leaving…">Leave space</SubmitButton>
      </form>
    </details>
  );
}

/** The person who stayed in a closed space can remove it from Mend for good (nobody else can read it any more). */
export function RemoveClosedSpaceForm({ spaceId }: { spaceId: string }) {
  const [state, action] = useActionState(leaveSpaceAction, initialActionState);
  return (
    <details className="leave-space">
      <summary>Remove this closed space</summary>
      <form action={action}>
        <input type="hidden" name="spaceId" value={spaceId} />
        <p>This deletes the closed space and everything in it for good. Export it first if you want a copy. Your journal is not affected.</p>
        <FormMessage ok={state.ok} message={state.message} />
        <label>
          <input type="checkbox" name="confirm" value="yes" aria-invalid={state.fieldErrors?.confirm ? true : undefined} /> I understand, delete it for good
        </label>
        <SubmitButton className="secondary" pendingText="Removing…">Remove closed space</SubmitButton>
      </form>
    </details>
  );
}
