/**
 * What a person may choose to be told outside the app, in the words the account page uses. The kind
 * is the only thing a notice ever knows about what happened: it never reaches the notice's text
 * either (every notice says the same neutral sentence), it only decides whether one is sent.
 */
export const NOTICE_KINDS = [
  'conversation-proposed',
  'conversation-reminder',
  'pause-return-near',
  'note-shared',
  'version-to-sign',
  'amend-offered',
  'check-in-waiting',
] as const;

export type NoticeKind = (typeof NOTICE_KINDS)[number];
export type NoticeChannel = 'email' | 'push';
export const NOTICE_CHANNELS: readonly NoticeChannel[] = ['email', 'push'];

export const NOTICE_KIND_LABELS: Record<NoticeKind, string> = {
  'conversation-proposed': 'My partner suggests a conversation, or a time for one',
  'conversation-reminder': 'A planned conversation starts in a few minutes',
  'pause-return-near': 'The time we agreed to come back from a pause is near',
  'note-shared': 'My partner shared a note with me',
  'version-to-sign': 'A version of an agreement waits for my signature',
  'amend-offered': 'My partner offered me an amend',
  'check-in-waiting': 'My partner’s check-in on a commitment is ready to read',
};

export function isNoticeKind(value: unknown): value is NoticeKind {
  return typeof value === 'string' && (NOTICE_KINDS as readonly string[]).includes(value);
}

/** At most one notice per person, kind and channel in this window: a digest, not a stream. */
export const NOTICE_WINDOW_MS = 3 * 60 * 60 * 1000;
