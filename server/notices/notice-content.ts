/**
 * The words of every notice. One neutral sentence whatever happened: no kind, no feeling, no title,
 * no text, no partner's name, not even the space's name; only the name the person chose for the app
 * and a link to its front page, which asks them to sign in. Someone glancing at a lock screen or an
 * inbox learns nothing but that this app has something new.
 */
export interface NoticeLinks {
  /** The app's front page (needs signing in). */
  open: string;
  /** One-click unsubscribe (emails only). */
  unsubscribe: string;
}

export function noticeSentence(appName: string): string {
  return `Something new is waiting for you in ${appName}`;
}

export function noticeEmail(appName: string, links: NoticeLinks) {
  const subject = noticeSentence(appName);
  const text = [
    `${subject}.`,
    '',
    `Open ${appName} and sign in to see it:`,
    links.open,
    '',
    '—',
    'You get this email because you asked to. To stop all of them with one click:',
    links.unsubscribe,
    '',
  ].join('\n');
  return {
    subject,
    text,
    headers: {
      'List-Unsubscribe': `<${links.unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}

/** What the service worker (public/push-sw.js) receives and shows. */
export interface PushNoticePayload {
  title: string;
  body: string;
  url: string;
}

export function noticePush(appName: string, openUrl: string): PushNoticePayload {
  return { title: appName, body: noticeSentence(appName), url: openUrl };
}

/** MEND_PUBLIC_URL (the address people use), else the address this server listens on. */
export function publicBaseUrl(fallback: string, env: Record<string, string | undefined> = process.env): string {
  const configured = env.MEND_PUBLIC_URL?.trim();
  return (configured || fallback).replace(/\/+$/, '');
}

export function publicUrlProblem(env: Record<string, string | undefined> = process.env): string | undefined {
  const configured = env.MEND_PUBLIC_URL?.trim();
  if (!configured) return undefined;
  try {
    const url = new URL(configured);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error();
    return undefined;
  } catch {
    return 'MEND_PUBLIC_URL must be the address people open Mend at, such as https://mend.example.org.';
  }
}
