import { describeLastSeen } from '@/server/auth/device-description';
import { listSessions } from '@/server/auth/sessions';
import { getDb } from '@/server/db/process-database';
import { getViewerSession } from '../../_lib/viewer';
import { SignOutDeviceForm, SignOutEverywhereElseForm, SignOutEverywhereForm } from './session-forms';

/**
 * Where this person is signed in: one line per device (browser and system, roughly when last used),
 * so they can end a session on a device they no longer have or do not recognise.
 */
export async function SessionsSection() {
  const session = await getViewerSession();
  if (!session) return null;
  const now = new Date();
  const listed = await listSessions(getDb(), session.userId, now);
  const others = listed.filter((device) => device.id !== session.sessionId);
  // This device first, then the others, most recently used first.
  const devices = [...listed.filter((device) => device.id === session.sessionId), ...others];
  return (
    <section className="card" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you are signed in</h2>
      <p>
        If you see a device you do not have any more, or do not recognise, sign it out. It will need your password to come back.
      </p>
      <ul className="device-list" aria-label="Signed-in devices">
        {devices.map((device) => (
          <li key={device.id}>
            <strong>{device.userAgent}</strong>
            {device.id === session.sessionId ? (
              <span className="muted"> · this device</span>
            ) : (
              <>
                <span className="muted"> · {describeLastSeen(device.lastSeenAt, now)}</span>
                <SignOutDeviceForm sessionId={device.id} device={device.userAgent} />
              </>
            )}
          </li>
        ))}
      </ul>
      <SignOutEverywhereElseForm othersSignedIn={others.length > 0} />
      <p className="muted">To end every session at once, this device’s too (for example after a password was shared):</p>
      <SignOutEverywhereForm />
    </section>
  );
}
