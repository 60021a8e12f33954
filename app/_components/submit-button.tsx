'use client';
import { useFormStatus } from 'react-dom';
import type { ButtonHTMLAttributes } from 'react';

/** A submit button that shows progress and cannot be pressed twice while its form is being sent. */
export function SubmitButton({ children, pendingText, ...rest }: ButtonHTMLAttributes<HTMLButtonElement> & { pendingText?: string }) {
  const { pending } = useFormStatus();
  return (
    <button type="submit" disabled={pending || rest.disabled} aria-busy={pending || undefined} {...rest}>
      {pending ? (pendingText ?? children) : children}
    </button>
  );
}
