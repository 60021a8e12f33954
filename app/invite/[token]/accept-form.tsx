'use client';
import { useActionState } from 'react';
import { FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import { acceptInviteAction } from './actions';

export function AcceptInviteForm({ token, spaceName }: { token: string; spaceName: string }) {
  const [state, action] = useActionState(acceptInviteAction, initialActionState);
  return (
    <form action={action}>
      <FormMessage ok={state.ok} message={state.message} />
      <input type="hidden" name="token" value={token} />
      <SubmitButton pendingText="Joining…">Join “{spaceName}”</SubmitButton>
    </form>
  );
}
