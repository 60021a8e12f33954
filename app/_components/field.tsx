/** A labelled input with its error message wired for screen readers (aria-invalid, aria-describedby). */
import type { InputHTMLAttributes } from 'react';

type FieldProps = InputHTMLAttributes<HTMLInputElement> & {
  label: string;
  name: string;
  errors?: string[];
  hint?: string;
};

export function Field({ label, name, errors, hint, id, ...input }: FieldProps) {
  const inputId = id ?? `field-${name}`;
  const message = errors?.[0] ?? hint;
  const messageId = message ? `${inputId}-message` : undefined;
  return (
    <label htmlFor={inputId}>
      {label}
      <input id={inputId} name={name} aria-invalid={errors?.length ? true : undefined} aria-describedby={messageId} {...input} />
      {message ? <small id={messageId}>{message}</small> : null}
    </label>
  );
}

export function FormMessage({ ok, message }: { ok: boolean; message?: string }) {
  if (!message) return null;
  return (
    <p role={ok ? 'status' : 'alert'} className={ok ? 'notice notice-ok' : 'notice notice-error'}>
      {message}
    </p>
  );
}

/** The message under a field: its first error, or else its hint; styled as an error when it is one. */
export function FieldMessage({ id, errors, hint }: { id: string; errors?: string[]; hint?: string }) {
  const message = errors?.[0] ?? hint;
  return message ? (
    <small id={id} className={errors?.length ? 'field-error' : undefined}>
      {message}
    </small>
  ) : null;
}
