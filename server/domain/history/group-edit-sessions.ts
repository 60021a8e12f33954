/**
 * Groups the update log into edit sessions for the timeline: consecutive updates by one author,
 * each within SESSION_GAP_MS of the previous one. Typing sends an update per keystroke, so without
 * grouping a paragraph would be hundreds of timeline entries.
 */

/** Five minutes: long enough to pause and think mid-sentence, short enough that "later that day" is a new entry. */
export const SESSION_GAP_MS = 5 * 60 * 1000;

export interface UpdateMeta {
  seq: number;
  authorId: string | null;
  createdAt: Date;
  /** Set on updates that restored an earlier state: always an entry of their own. */
  restoredFrom?: string | null;
}

export interface EditSession {
  authorId: string | null;
  firstSeq: number;
  lastSeq: number;
  startedAt: Date;
  endedAt: Date;
  updateCount: number;
  restoredFrom: string | null;
}

/**
 * `updates` in ascending seq order. Returns sessions in the same order. `breaks` are moments
 * (proposals, signatures) a session must not span: edits after a signature are "changed since you
 * both signed", so they must read as their own entry.
 */
export function groupEditSessions(updates: readonly UpdateMeta[], options: { gapMs?: number; breaks?: readonly Date[] } = {}): EditSession[] {
  const gapMs = options.gapMs ?? SESSION_GAP_MS;
  const breaks = (options.breaks ?? []).map((at) => at.getTime());
  const sessions: EditSession[] = [];
  let current: EditSession | null = null;
  for (const update of updates) {
    const restoredFrom = update.restoredFrom ?? null;
    const at = update.createdAt.getTime();
    const continues =
      current !== null &&
      current.restoredFrom === null &&
      restoredFrom === null &&
      current.authorId === update.authorId &&
      at - current.endedAt.getTime() < gapMs &&
      // At or after the last edit and before this one: times are whole milliseconds, and a proposal
      // made in the same millisecond as the edit before it still comes after that edit.
      !breaks.some((moment) => moment >= current!.endedAt.getTime() && moment < at);
    if (continues && current) {
      current.lastSeq = update.seq;
      current.endedAt = update.createdAt;
      current.updateCount++;
    } else {
      current = {
        authorId: update.authorId,
        firstSeq: update.seq,
        lastSeq: update.seq,
        startedAt: update.createdAt,
        endedAt: update.createdAt,
        updateCount: 1,
        restoredFrom,
      };
      sessions.push(current);
    }
  }
  return sessions;
}
