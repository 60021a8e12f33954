'use client';
import { useActionState } from 'react';
import { FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import { forgetThisDeviceNow } from '../../_lib/forget-this-device';
import { signOutDeviceAction, signOutEverywhereAction, signOutEverywhereElseAction } from './session-actions';

export function SignOutDeviceForm({ sessionId, device }: { sessionId: string; device: string }) {
  const [state, action] = useActionState(signOutDeviceAction, initialActionState);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="sessionId" value={sessionId} />
      <SubmitButton className="secondary outline" pendingText="Signing out…" aria-label={`Sign out this one: ${device}`}>
        Sign out this one
      </SubmitButton>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

/** Stays mounted when no other device is left, so its message survives the list refreshing. */
export function SignOutEverywhereElseForm({ othersSignedIn }: { othersSignedIn: boolean }) {
  const [state, action] = useActionState(signOutEverywhereElseAction, initialActionState);
  return (
    <form action={action}>
      <FormMessage ok={state.ok} message={state.message} />
      {othersSignedIn ? (
        <SubmitButton className="secondary" pendingText="Signing out…">Sign out everywhere else</SubmitButton>
      ) : (
        <p className="muted">You are not signed in anywhere else.</p>
      )}
    </form>
  );
}

/** Ends every session, this one included; this device's offline copies are erased first, as signing out does. */
export function SignOutEverywhereForm() {
  return (
    <form
      action={async () => {
        await forgetThisDeviceNow();
        await signOutEverywhereAction();
      }}
    >
      <SubmitButton className="secondary outline" pendingText="Signing out…">
        Sign out everywhere
      </SubmitButton>
    </form>
  );
}
