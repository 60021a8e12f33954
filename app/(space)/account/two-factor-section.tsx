import { pendingTwoFactorSetup, twoFactorEnabled, unusedRecoveryCodeCount } from '@/server/auth/two-factor';
import { getDb } from '@/server/db/process-database';
import { getViewer } from '../../_lib/viewer';
import { TwoFactorPanel } from './two-factor-forms';

/**
 * Two-step sign-in: after the password, a code from an authenticator app on the person's phone. For
 * when someone else may know the password (partners often do).
 */
export async function TwoFactorSection() {
  const viewer = await getViewer();
  if (!viewer) return null;
  const db = getDb();
  const enabled = await twoFactorEnabled(db, viewer.userId);
  const setup = enabled ? null : await pendingTwoFactorSetup(db, viewer.userId);
  const recoveryLeft = enabled ? await unusedRecoveryCodeCount(db, viewer.userId) : 0;
  return (
    <section className="card" aria-labelledby="two-factor-heading">
      <h2 id="two-factor-heading">Two-step sign-in</h2>
      <p>
        With two-step sign-in, your password alone is not enough: signing in also asks for a code from an authenticator app on your phone
        (any standard one). Useful if someone else may know your password.
      </p>
      <TwoFactorPanel
        status={enabled ? 'on' : setup ? 'setting-up' : 'off'}
        setup={setup ? { qrDataUrl: setup.qrDataUrl, secret: setup.secret } : null}
        recoveryLeft={recoveryLeft}
      />
    </section>
  );
}
