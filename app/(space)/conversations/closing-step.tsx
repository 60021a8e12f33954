'use client';
import Link from 'next/link';
import { useActionState } from 'react';
import { CollaborativeEditor } from '../../_components/collaborative-editor/collaborative-editor';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import { NextStepToCommitmentForm } from '../commitments/next-step-to-commitment-form';
import { turnNextStepIntoAgreementAction } from './actions';
import { Step, type Person, type StepProps } from './room-kit';

/** Next steps, written together in a live document; one can become an agreement draft or a commitment. */
export function ClosingStep({ view, me, partner, busy, act }: StepProps & { me: Person }) {
  const [state, formAction] = useActionState(turnNextStepIntoAgreementAction, initialActionState);
  return (
    <Step title="Next steps" lead={`Write together what each of you will do next. ${partner.name} sees every change as you type.`}>
      {view.nextStepsDocumentId ? (
        <CollaborativeEditor documentId={view.nextStepsDocumentId} user={{ id: me.id, name: me.name, colour: me.colour }} label="Next steps" placeholder="One next step per line, for example: “We check in every Sunday evening.”" />
      ) : null}
      <form action={formAction} className="conv-next-step-to-agreement">
        <input type="hidden" name="conversationId" value={view.id} />
        <label>
          Turn a next step into an agreement draft
          <input name="nextStep" defaultValue={state.values?.nextStep ?? ''} maxLength={500} placeholder="Paste or type one next step" aria-invalid={state.fieldErrors?.nextStep ? true : undefined} />
        </label>
        {state.fieldErrors?.nextStep ? <small className="field-error">{state.fieldErrors.nextStep[0]}</small> : null}
        <SubmitButton className="secondary" pendingText="Creating…">
          Create agreement draft
        </SubmitButton>
        {state.message ? (
          <p className={state.ok ? 'notice notice-ok' : 'notice notice-error'} role={state.ok ? 'status' : 'alert'}>
            {state.message} {state.ok && state.data?.agreementId ? <Link href={`/agreements/${state.data.agreementId}`}>Open it</Link> : null}
          </p>
        ) : null}
      </form>
      <NextStepToCommitmentForm conversationId={view.id} />
      <button
        type="button"
        className="conv-big-action"
        disabled={busy}
        onClick={() => {
          if (window.confirm('End the conversation for both of you? The next steps are kept.')) void act({ type: 'end', conversationId: view.id });
        }}
      >
        We are done: end the conversation
      </button>
    </Step>
  );
}
