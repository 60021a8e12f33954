'use client';
import { useActionState, useState } from 'react';
import { Field, FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import { explainTooLong } from '../../_lib/too-long-to-save';
import { AGREEMENT_TITLE_MAX } from '@/server/domain/agreements/agreement-input';
import { archiveAgreementAction, createAgreementAction, renameAgreementAction } from './actions';

/** A title too long even to reach the server is named as such, not shown as a failed page. */
const titleField = { title: { what: 'an agreement title', maxLength: AGREEMENT_TITLE_MAX } };
const createAgreement = explainTooLong(createAgreementAction, titleField);
const renameAgreement = explainTooLong(renameAgreementAction, titleField);

export interface TemplateChoice {
  id: string;
  title: string;
  summary: string;
}

export function CreateAgreementForm({ spaceId, templates }: { spaceId: string; templates: TemplateChoice[] }) {
  const [state, action] = useActionState(createAgreement, initialActionState);
  const [templateId, setTemplateId] = useState(state.values?.templateId ?? '');
  const chosen = templates.find((t) => t.id === templateId);
  return (
    <form action={action} noValidate className="create-agreement">
      <input type="hidden" name="spaceId" value={spaceId} />
      <FormMessage ok={state.ok} message={state.message} />
      <fieldset className="template-picker" aria-describedby={state.fieldErrors?.templateId ? 'template-error' : undefined}>
        <legend>Start from</legend>
        <label className="template-option">
          <input type="radio" name="templateId" value="" checked={templateId === ''} onChange={() => setTemplateId('')} />
          <span>
            <strong>A blank page</strong>
            <small>Write it together from scratch.</small>
          </span>
        </label>
        {templates.map((template) => (
          <label className="template-option" key={template.id}>
            <input type="radio" name="templateId" value={template.id} checked={templateId === template.id} onChange={() => setTemplateId(template.id)} />
            <span>
              <strong>{template.title}</strong>
              <small>{template.summary}</small>
            </span>
          </label>
        ))}
        {state.fieldErrors?.templateId ? <small id="template-error" className="field-error">{state.fieldErrors.templateId[0]}</small> : null}
      </fieldset>
      <Field
        label="Title"
        name="title"
        placeholder={chosen ? chosen.title : 'For example: Evenings together'}
        defaultValue={state.values?.title}
        errors={state.fieldErrors?.title}
        hint={chosen ? `Leave empty to use “${chosen.title}”.` : 'You can rename it later.'}
        maxLength={AGREEMENT_TITLE_MAX}
      />
      <SubmitButton pendingText="Starting…">Start this agreement</SubmitButton>
    </form>
  );
}

export function RenameAgreementForm({ agreementId, title }: { agreementId: string; title: string }) {
  const [state, action] = useActionState(renameAgreement, initialActionState);
  return (
    <form action={action} noValidate>
      <input type="hidden" name="agreementId" value={agreementId} />
      <FormMessage ok={state.ok} message={state.message} />
      <Field label="New title" name="title" defaultValue={state.values?.title ?? title} errors={state.fieldErrors?.title} maxLength={AGREEMENT_TITLE_MAX} required />
      <SubmitButton className="secondary" pendingText="Renaming…">Rename</SubmitButton>
    </form>
  );
}

export function ArchiveAgreementButton({ agreementId, archived, compact = false }: { agreementId: string; archived: boolean; compact?: boolean }) {
  const [state, action] = useActionState(archiveAgreementAction, initialActionState);
  return (
    <form action={action} className={compact ? 'inline-form' : undefined}>
      <input type="hidden" name="agreementId" value={agreementId} />
      <input type="hidden" name="archive" value={archived ? 'no' : 'yes'} />
      {compact ? (state.message && !state.ok ? <span role="alert" className="muted">{state.message} </span> : null) : <FormMessage ok={state.ok} message={state.message} />}
      <SubmitButton className="secondary outline" pendingText={archived ? 'Bringing back…' : 'Archiving…'}>
        {archived ? 'Bring back' : 'Archive this agreement'}
      </SubmitButton>
    </form>
  );
}
