'use client';
import { useActionState } from 'react';
import { Field, FormMessage } from '../../_components/field';
import { SubmitButton } from '../../_components/submit-button';
import { initialActionState } from '../../_lib/action-result';
import styles from './account-security.module.css';
import { beginTwoFactorAction, confirmTwoFactorAction, disableTwoFactorAction } from './two-factor-actions';

type Props = {
  status: 'off' | 'setting-up' | 'on';
  setup: { qrDataUrl: string; secret: string } | null;
  recoveryLeft: number;
};

/**
 * One component for every state, so the recovery codes returned when setup is confirmed stay on
 * screen when the page refreshes to "on" (they are shown this once).
 */
export function TwoFactorPanel({ status, setup, recoveryLeft }: Props) {
  const [beginState, begin] = useActionState(beginTwoFactorAction, initialActionState);
  const [confirmState, confirm] = useActionState(confirmTwoFactorAction, initialActionState);
  const [disableState, disable] = useActionState(disableTwoFactorAction, initialActionState);
  const codes = confirmState.ok ? (confirmState.data?.codes ?? '').split('\n').filter(Boolean) : [];

  if (codes.length > 0) {
    return (
      <div data-testid="recovery-codes">
        <FormMessage ok message="Two-step sign-in is on." />
        <p>
          <strong>Keep these recovery codes somewhere safe</strong>, away from your phone. Each one works once instead of a code from your
          app, if you lose your phone. They are shown only now.
        </p>
        <ol className={styles.codes}>
          {codes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <p>
          <a href="/account">I have kept them</a>
        </p>
      </div>
    );
  }

  if (status === 'on') {
    return (
      <>
        <FormMessage ok={disableState.ok} message={disableState.message} />
        <p>
          <strong>Two-step sign-in is on.</strong> <span className="muted">{recoveryLeft} of 10 recovery codes left.</span>
        </p>
        <details>
          <summary>Turn two-step sign-in off</summary>
          <form action={disable} noValidate aria-label="Turn two-step sign-in off">
            <Field id="two-factor-off-password" label="Account password" name="password" type="password" autoComplete="current-password" required errors={disableState.fieldErrors?.password} />
            <Field
              id="two-factor-off-code"
              label="Code from your app, or a recovery code"
              name="code"
              autoComplete="one-time-code"
              spellCheck={false}
              required
              errors={disableState.fieldErrors?.code}
            />
            <SubmitButton className="secondary" pendingText="Turning off…">Turn off</SubmitButton>
          </form>
        </details>
      </>
    );
  }

  if (status === 'setting-up' && setup) {
    return (
      <div className={styles.setup}>
        <ol>
          <li>
            Open your authenticator app and scan this code.
            <img className={styles.qr} src={setup.qrDataUrl} alt="QR code to add Mend to an authenticator app" width={240} height={240} />
            <p className="muted">
              Cannot scan? Enter this key instead: <code data-testid="two-factor-key">{setup.secret}</code>
            </p>
          </li>
          <li>
            <form action={confirm} noValidate aria-label="Confirm two-step sign-in">
              <FormMessage ok={confirmState.ok} message={confirmState.message} />
              <Field
                id="two-factor-setup-code"
                label="Enter the six-digit code the app shows"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                required
                errors={confirmState.fieldErrors?.code}
              />
              <SubmitButton pendingText="Checking…">Turn on</SubmitButton>
            </form>
          </li>
        </ol>
      </div>
    );
  }

  return (
    <form action={begin} noValidate aria-label="Set up two-step sign-in">
      <FormMessage ok={beginState.ok} message={beginState.message} />
      <Field id="two-factor-setup-password" label="Account password" name="password" type="password" autoComplete="current-password" required errors={beginState.fieldErrors?.password} />
      <SubmitButton className="secondary" pendingText="Starting…">Set up two-step sign-in</SubmitButton>
    </form>
  );
}
