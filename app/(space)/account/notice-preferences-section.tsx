import { getDb } from '@/server/db/process-database';
import { NOTICE_KIND_LABELS, NOTICE_KINDS } from '@/server/notices/notice-kinds';
import { getNoticePreferences } from '@/server/notices/notice-preferences';
import { formatClockTime } from '@/server/notices/quiet-hours';
import { getViewer } from '../../_lib/viewer';
import { NoticePreferencesForm } from './notice-preferences-form';
import { PushDeviceToggle } from './push-device-toggle';

/**
 * "Notices outside Mend": what this person wants to be told by email or on their devices, and when
 * not. Everything is off until they choose; every notice says only that something new is waiting.
 */
export async function NoticePreferencesSection() {
  const viewer = await getViewer();
  if (!viewer) return null;
  const prefs = await getNoticePreferences(getDb(), viewer.userId);
  // The runtime's list may leave out UTC (Mend's default) or a zone saved before a data update.
  const timeZones = [...new Set(['UTC', prefs.timeZone, ...Intl.supportedValuesOf('timeZone')])];
  return (
    <section className="card" aria-labelledby="notices-heading">
      <h2 id="notices-heading">Notices outside Mend</h2>
      <p>
        Mend can tell you, by email or on this device, when something is waiting for you. A notice never says what it is about: only “Something new
        is waiting for you in {prefs.appName}”, with a link that asks you to sign in. Nothing is sent until you choose it here.
      </p>
      <h3>On this device</h3>
      <PushDeviceToggle />
      <NoticePreferencesForm
        kinds={NOTICE_KINDS.map((kind) => ({ kind, label: NOTICE_KIND_LABELS[kind] }))}
        initial={{
          email: prefs.email,
          push: prefs.push,
          quietStart: formatClockTime(prefs.quietStart),
          quietEnd: formatClockTime(prefs.quietEnd),
          timeZone: prefs.timeZone,
          appName: prefs.appName,
        }}
        timeZones={timeZones}
      />
    </section>
  );
}
