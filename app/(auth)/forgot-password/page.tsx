import type { Metadata } from 'next';
import { ForgotPasswordForm } from '../recovery-forms';

export const metadata: Metadata = { title: 'Forgot your password' };

export default function ForgotPasswordPage() {
  return (
    <main className="container narrow">
      <hgroup>
        <h1>Forgot your password?</h1>
        <p>Enter the address you signed up with. We will email it a link to choose a new password.</p>
      </hgroup>
      <ForgotPasswordForm />
    </main>
  );
}
