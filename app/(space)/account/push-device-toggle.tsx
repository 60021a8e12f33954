'use client';
import { useCallback, useEffect, useState } from 'react';

/**
 * Turns push notices on or off for this browser: asks the browser's permission, subscribes with
 * Mend's VAPID public key through the service worker (/sw.js, which loads /push-sw.js), and tells the
 * server (/api/push/subscription). Which kinds arrive is chosen in the table below.
 */
type Status = 'checking' | 'unsupported' | 'blocked' | 'off' | 'on';

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (base64url.length % 4)) % 4);
  const raw = atob(base64);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

async function readError(response: Response): Promise<string> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? 'Mend could not save this just now. Please try again.';
}

/** A browser with no way to its push service (offline) may never answer subscribe(). */
const SUBSCRIBE_TIMEOUT_MS = 20_000;

class PushServiceSilent extends Error {}

function subscribeWithin(registration: ServiceWorkerRegistration, key: Uint8Array<ArrayBuffer>, ms: number): Promise<PushSubscription> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const silent = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new PushServiceSilent()), ms);
  });
  return Promise.race([registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key }), silent]).finally(() => clearTimeout(timer));
}

function describeSubscribeFailure(error: unknown): string {
  if (error instanceof PushServiceSilent) return 'This browser’s notice service did not answer. Check your connection and try again. Nothing was turned on.';
  const name = (error as Error)?.name;
  // Chromium refuses push in private windows with an AbortError ("permission denied").
  if (name === 'AbortError' || name === 'NotAllowedError') return 'This browser would not set up notices here (a private window cannot get them). Nothing was turned on.';
  return `This device could not be set up for notices: ${(error as Error)?.message || 'the browser refused'}. Nothing was turned on.`;
}

function supported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.getRegistration('/');
  return registration ? registration.pushManager.getSubscription() : null;
}

export function PushDeviceToggle() {
  const [status, setStatus] = useState<Status>('checking');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const refresh = useCallback(async () => {
    if (!supported()) return setStatus('unsupported');
    if (Notification.permission === 'denied') return setStatus('blocked');
    const subscription = await currentSubscription();
    if (!subscription) return setStatus('off');
    const response = await fetch(`/api/push/subscription?endpoint=${encodeURIComponent(subscription.endpoint)}`);
    const body = (await response.json().catch(() => null)) as { subscribed?: boolean } | null;
    setStatus(body?.subscribed ? 'on' : 'off');
  }, []);

  useEffect(() => {
    refresh().catch(() => setStatus('off'));
  }, [refresh]);

  async function turnOn() {
    setBusy(true);
    setMessage(null);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        setStatus(permission === 'denied' ? 'blocked' : 'off');
        setMessage({ ok: false, text: 'Notices need your browser’s permission. Nothing was turned on.' });
        return;
      }
      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      const registration = await navigator.serviceWorker.ready;
      const keyResponse = await fetch('/api/push/key');
      if (!keyResponse.ok) throw new Error(await readError(keyResponse));
      const { publicKey } = (await keyResponse.json()) as { publicKey: string };
      const subscription = (await registration.pushManager.getSubscription()) ?? (await subscribeWithin(registration, keyBytes(publicKey), SUBSCRIBE_TIMEOUT_MS));
      const saved = await fetch('/api/push/subscription', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(subscription.toJSON()) });
      if (!saved.ok) throw new Error(await readError(saved));
      setStatus('on');
      setMessage({ ok: true, text: 'Notices are on for this device. Choose below which ones it gets.' });
    } catch (error) {
      setMessage({ ok: false, text: describeSubscribeFailure(error) });
    } finally {
      setBusy(false);
    }
  }

  async function turnOff() {
    setBusy(true);
    setMessage(null);
    try {
      const subscription = await currentSubscription();
      if (subscription) {
        const removed = await fetch('/api/push/subscription', { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ endpoint: subscription.endpoint }) });
        if (!removed.ok) throw new Error(await readError(removed));
        await subscription.unsubscribe();
      }
      setStatus('off');
      setMessage({ ok: true, text: 'Notices are off for this device.' });
    } catch (error) {
      setMessage({ ok: false, text: `Could not turn notices off: ${(error as Error)?.message || 'please try again'}.` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <div data-testid="push-device" data-status={status}>
      {status === 'unsupported' ? <p className="muted">This browser cannot show notices from Mend.</p> : null}
      {status === 'blocked' ? <p className="muted">Notices are blocked for Mend in this browser’s settings. Allow them there to turn them on here.</p> : null}
      {status === 'off' ? (
        <>
          <p>Notices are off on this device.</p>
          <button type="button" className="secondary" onClick={turnOn} disabled={busy} aria-busy={busy || undefined}>
            Turn on notices for this device
          </button>
        </>
      ) : null}
      {status === 'on' ? (
        <>
          <p>Notices are on for this device.</p>
          <button type="button" className="secondary outline" onClick={turnOff} disabled={busy} aria-busy={busy || undefined}>
            Turn off notices for this device
          </button>
        </>
      ) : null}
      {message ? (
        <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'notice notice-ok' : 'notice notice-error'}>
          {message.text}
        </p>
      ) : null}
    </div>
  );
}
