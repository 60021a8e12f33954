'use client';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef, useState, type FormEvent } from 'react';
import { FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState, type ActionState } from '../../_lib/action-result';
import { EXPERIENCE_LINK_MAX, EXPERIENCE_NOTES_MAX, EXPERIENCE_TITLE_MAX, MEMORY_TEXT_MAX } from '@/server/domain/experiences/experience-input';
import {
  addExperienceAction,
  addSuggestionAction,
  deleteExperienceAction,
  deleteMemoryAction,
  editExperienceAction,
  markDoneAction,
  planExperienceAction,
  removeMemoryPhotoAction,
} from './actions';

/** Same limit as the server's (prepare-memory-photo.ts), checked here only to answer at once. */
const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const PHOTO_TOO_BIG = 'That photo is larger than 5 MB. Please choose a smaller one (most phones can share a smaller copy).';

function FieldMessage({ id, errors, hint }: { id: string; errors?: string[]; hint?: string }) {
  const message = errors?.[0] ?? hint;
  if (!message) return null;
  return (
    <small id={`${id}-message`} className={errors?.length ? 'field-error' : undefined}>
      {message}
    </small>
  );
}

function IdeaFields({ idPrefix, state, initial }: { idPrefix: string; state: ActionState; initial?: { title: string; notes: string; link: string | null } }) {
  const value = (name: 'title' | 'notes' | 'link') => state.values?.[name] ?? (initial ? (initial[name] ?? '') : '');
  const errors = state.fieldErrors ?? {};
  const id = (name: string) => `${idPrefix}-${name}`;
  return (
    <>
      <label htmlFor={id('title')}>
        What to do together
        <input id={id('title')} name="title" required maxLength={EXPERIENCE_TITLE_MAX + 20} defaultValue={value('title')} aria-invalid={errors.title ? true : undefined} aria-describedby={`${id('title')}-message`} placeholder="e.g. Learn to make fresh pasta" />
        <FieldMessage id={id('title')} errors={errors.title} />
      </label>
      <label htmlFor={id('notes')}>
        Notes <span className="muted">(optional)</span>
        <textarea id={id('notes')} name="notes" rows={2} maxLength={EXPERIENCE_NOTES_MAX + 100} defaultValue={value('notes')} aria-invalid={errors.notes ? true : undefined} aria-describedby={`${id('notes')}-message`} />
        <FieldMessage id={id('notes')} errors={errors.notes} />
      </label>
      <label htmlFor={id('link')}>
        A link <span className="muted">(optional)</span>
        <input id={id('link')} name="link" type="url" inputMode="url" maxLength={EXPERIENCE_LINK_MAX + 20} defaultValue={value('link')} aria-invalid={errors.link ? true : undefined} aria-describedby={`${id('link')}-message`} placeholder="https://" />
        <FieldMessage id={id('link')} errors={errors.link} hint="A web page about it: a place, a class, a recipe." />
      </label>
    </>
  );
}

export function AddExperienceForm({ spaceId }: { spaceId: string }) {
  const [state, action] = useActionState(addExperienceAction, initialActionState);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  return (
    <form ref={form} action={action} noValidate className="experience-form" aria-label="Add an idea">
      <input type="hidden" name="spaceId" value={spaceId} />
      <IdeaFields idPrefix="new" state={state.ok ? { ok: true } : state} />
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pendingText="Adding…">Add to our list</SubmitButton>
    </form>
  );
}

export function EditExperienceForm({ experienceId, title, notes, link }: { experienceId: string; title: string; notes: string; link: string | null }) {
  const [state, action] = useActionState(editExperienceAction, initialActionState);
  const details = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    // Saved: fold the form away so the list reads as a list again (the saved words show above it).
    if (state.ok && details.current) details.current.open = false;
  }, [state]);
  return (
    <details ref={details} className="edit-in-place" open={Boolean(state.fieldErrors)}>
      <summary>Edit</summary>
      <form action={action} noValidate className="experience-form" aria-label={`Edit “${title}”`}>
        <input type="hidden" name="experienceId" value={experienceId} />
        <IdeaFields idPrefix={`edit-${experienceId}`} state={state} initial={{ title, notes, link }} />
        <FormMessage ok={state.ok} message={state.message} />
        <SubmitButton className="secondary" pendingText="Saving…">Save</SubmitButton>
      </form>
    </details>
  );
}

export function AddSuggestionForm({ spaceId, suggestionId, title }: { spaceId: string; suggestionId: string; title: string }) {
  const [state, action] = useActionState(addSuggestionAction, initialActionState);
  return (
    <form action={action} className="suggestion-form">
      <input type="hidden" name="spaceId" value={spaceId} />
      <input type="hidden" name="suggestionId" value={suggestionId} />
      <SubmitButton className="secondary outline" pendingText="Adding…" aria-label={`Add “${title}” to our list`}>
        Add to our list
      </SubmitButton>
      {state.ok ? null : <FormMessage ok={false} message={state.message} />}
    </form>
  );
}

/** The reader's time zone, read in the browser: the server learns which instant "19:30" meant. */
function useTimeZone(): string {
  const [zone, setZone] = useState('');
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  return zone;
}

function localInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function PlanExperienceForm({ experienceId, plannedFor }: { experienceId: string; plannedFor: string | null }) {
  const [state, action] = useActionState(planExperienceAction, initialActionState);
  const timeZone = useTimeZone();
  const [initial, setInitial] = useState<{ value: string; min: string } | null>(null);
  useEffect(() => {
    setInitial({ value: plannedFor ? localInputValue(new Date(plannedFor)) : '', min: localInputValue(new Date()) });
  }, [plannedFor]);
  const errors = state.fieldErrors ?? {};
  return (
    <form action={action} noValidate className="experience-form plan-form" aria-label="Plan it">
      <input type="hidden" name="experienceId" value={experienceId} />
      <input type="hidden" name="timeZone" value={timeZone} />
      <label htmlFor="field-when">
        {plannedFor ? 'Move it to' : 'When'}
        <input
          key={initial ? `${initial.value}|${state.values?.when ?? ''}` : 'loading'}
          id="field-when"
          name="when"
          type="datetime-local"
          required
          min={initial?.min}
          defaultValue={state.values?.when ?? initial?.value ?? ''}
          aria-invalid={errors.when ? true : undefined}
          aria-describedby="field-when-message"
        />
        <FieldMessage id="field-when" errors={errors.when ?? errors.timeZone} hint={timeZone ? `In your time zone (${timeZone}). Your partner sees it in theirs.` : undefined} />
      </label>
      <FormMessage ok={state.ok} message={state.message} />
      <SubmitButton pendingText="Planning…" disabled={!timeZone}>
        {plannedFor ? 'Change the time' : 'Plan it'}
      </SubmitButton>
    </form>
  );
}

export function MarkDoneForm({ experienceId }: { experienceId: string }) {
  const [state, action] = useActionState(markDoneAction, initialActionState);
  return (
    <form action={action} className="inline-action">
      <input type="hidden" name="experienceId" value={experienceId} />
      <SubmitButton pendingText="Saving…">We did it</SubmitButton>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

export function DeleteExperienceForm({ experienceId }: { experienceId: string }) {
  const [state, action] = useActionState(deleteExperienceAction, initialActionState);
  return (
    <details className="danger-zone">
      <summary>Take it off the list</summary>
      <form action={action}>
        <input type="hidden" name="experienceId" value={experienceId} />
        <p className="muted small">It goes for both of you. You can always add it again.</p>
        <FormMessage ok={state.ok} message={state.message} />
        <SubmitButton className="secondary" pendingText="Removing…">Take it off</SubmitButton>
      </form>
    </details>
  );
}

/**
 * The viewer's own memory: a few lines and an optional photo, sent as multipart form data to the
 * memory route (a photo is too big for a server action). Errors come back per field; a refused
 * photo changes nothing, and what was typed stays in the box.
 */
export function MemoryForm({ experienceId, text, hasPhoto }: { experienceId: string; text: string; hasPhoto: boolean }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message?: string; fieldErrors?: Record<string, string[]> }>({ ok: false });
  const fileInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const file = data.get('photo');
    if (file instanceof File && file.size > PHOTO_MAX_BYTES) {
      setResult({ ok: false, message: PHOTO_TOO_BIG, fieldErrors: { photo: [PHOTO_TOO_BIG] } });
      return;
    }
    setPending(true);
    try {
      const response = await fetch(`/experiences/${experienceId}/memory`, { method: 'POST', body: data, headers: { accept: 'application/json' } });
      const body = (await response.json().catch(() => null)) as { error?: { message: string; fieldErrors?: Record<string, string[]> } } | null;
      if (response.ok) {
        setResult({ ok: true, message: 'Your memory is saved. Your partner can read it.' });
        if (fileInput.current) fileInput.current.value = '';
        router.refresh();
      } else {
        setResult({ ok: false, message: body?.error?.message ?? 'Your memory could not be saved. Please try again.', fieldErrors: body?.error?.fieldErrors });
      }
    } catch {
      setResult({ ok: false, message: 'Your memory could not be sent. Check your connection and try again.' });
    } finally {
      setPending(false);
    }
  }

  const errors = result.fieldErrors ?? {};
  return (
    <form onSubmit={submit} noValidate className="experience-form memory-form" aria-label="Your memory" encType="multipart/form-data">
      <label htmlFor={`memory-text-${experienceId}`}>
        A few lines, in your own words
        <textarea
          id={`memory-text-${experienceId}`}
          name="text"
          rows={4}
          maxLength={MEMORY_TEXT_MAX + 100}
          defaultValue={text}
          aria-invalid={errors.text ? true : undefined}
          aria-describedby={`memory-text-${experienceId}-message`}
          placeholder="What do you want to remember about it?"
        />
        <FieldMessage id={`memory-text-${experienceId}`} errors={errors.text} />
      </label>
      <label htmlFor={`memory-photo-${experienceId}`}>
        {hasPhoto ? 'Replace your photo' : 'A photo'} <span className="muted">(optional)</span>
        <input
          ref={fileInput}
          id={`memory-photo-${experienceId}`}
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp"
          aria-invalid={errors.photo ? true : undefined}
          aria-describedby={`memory-photo-${experienceId}-message`}
        />
        <FieldMessage id={`memory-photo-${experienceId}`} errors={errors.photo} hint="JPEG, PNG or WebP, up to 5 MB. Location and camera details are removed before it is kept." />
      </label>
      <FormMessage ok={result.ok} message={result.message} />
      <button type="submit" disabled={pending} aria-busy={pending || undefined}>
        {pending ? 'Saving…' : text || hasPhoto ? 'Save my memory' : 'Add my memory'}
      </button>
    </form>
  );
}

export function RemoveMemoryPhotoForm({ experienceId }: { experienceId: string }) {
  const [state, action] = useActionState(removeMemoryPhotoAction, initialActionState);
  return (
    <form action={action} className="inline-action">
      <input type="hidden" name="experienceId" value={experienceId} />
      <SubmitButton className="secondary outline small-button" pendingText="Deleting…">Delete my photo</SubmitButton>
      <FormMessage ok={state.ok} message={state.message} />
    </form>
  );
}

export function DeleteMemoryForm({ experienceId }: { experienceId: string }) {
  const [state, action] = useActionState(deleteMemoryAction, initialActionState);
  return (
    <details className="danger-zone">
      <summary>Remove my memory</summary>
      <form action={action}>
        <input type="hidden" name="experienceId" value={experienceId} />
        <p className="muted small">Your words and your photo are deleted for good.</p>
        <FormMessage ok={state.ok} message={state.message} />
        <SubmitButton className="secondary" pendingText="Removing…">Remove my memory</SubmitButton>
      </form>
    </details>
  );
}
