/**
 * Groups the update log into edit sessions for the timeline. Typing sends an update per keystroke,
 * so without grouping a paragraph would be hundreds of timeline entries.
 *
 * A session is one person's stretch of editing (each update within SESSION_GAP_MS of their previous
 * one), and when both partners edit at the same time their stretches overlap in the log: those
 * become one session that names both. Otherwise two people typing together would read as single
 * keystrokes taking turns ("+1", "+1", …).
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
  /** Who edited first in this session (their colour marks the entry). */
  authorId: string | null;
  /** Everyone who edited in this session, in the order they first did. */
  authorIds: Array<string | null>;
  firstSeq: number;
  lastSeq: number;
  startedAt: Date;
  endedAt: Date;
  updateCount: number;
  restoredFrom: string | null;
}

/**
 * `updates` in ascending seq order; sessions come back in the same order and cover every update
 * once, each a contiguous stretch of seqs (so "what changed" is the state before its first update
 * compared with the state after its last). `breaks` are moments (proposals, signatures) a session
 * must not span: edits after a signature are "changed since you both signed", so they must read as
 * their own entry. A pause of SESSION_GAP_MS with nobody editing, or a restore, also ends a session.
 */
export function groupEditSessions(updates: readonly UpdateMeta[], options: { gapMs?: number; breaks?: readonly Date[] } = {}): EditSession[] {
  const gapMs = options.gapMs ?? SESSION_GAP_MS;
  const breaks = (options.breaks ?? []).map((at) => at.getTime());
  const sessions: EditSession[] = [];
  let stretch: UpdateMeta[] = [];
  let previous: UpdateMeta | null = null;
  for (const update of updates) {
    const at = update.createdAt.getTime();
    const apart =
      previous === null ||
      Boolean(update.restoredFrom) ||
      Boolean(previous.restoredFrom) ||
      at - previous.createdAt.getTime() >= gapMs ||
      // At or after the last edit and before this one: times are whole milliseconds, and a proposal
      // made in the same millisecond as the edit before it still comes after that edit.
      breaks.some((moment) => moment >= previous!.createdAt.getTime() && moment < at);
    if (apart && stretch.length > 0) {
      sessions.push(...groupStretch(stretch, gapMs));
      stretch = [];
    }
    stretch.push(update);
    previous = update;
  }
  if (stretch.length > 0) sessions.push(...groupStretch(stretch, gapMs));
  return sessions;
}

/** One unbroken stretch of the log: each person's runs of editing, merged where they overlap. */
function groupStretch(updates: readonly UpdateMeta[], gapMs: number): EditSession[] {
  const open = new Map<string | null, { first: number; last: number }>();
  const runs: Array<{ first: number; last: number }> = [];
  updates.forEach((update, index) => {
    const run = open.get(update.authorId);
    if (run && update.createdAt.getTime() - updates[run.last]!.createdAt.getTime() < gapMs) run.last = index;
    else {
      const started = { first: index, last: index };
      open.set(update.authorId, started);
      runs.push(started);
    }
  });
  // Runs are in order of their first update; one that starts before the current group's last update interleaves with it.
  const groups: Array<{ first: number; last: number }> = [];
  for (const run of runs) {
    const group = groups.at(-1);
    if (group && run.first <= group.last) group.last = Math.max(group.last, run.last);
    else groups.push({ ...run });
  }
  return groups.map(({ first, last }) => {
    const members = updates.slice(first, last + 1);
    const authorIds = [...new Set(members.map((update) => update.authorId))];
    let endedAt = members[0]!.createdAt;
    for (const update of members) if (update.createdAt > endedAt) endedAt = update.createdAt;
    return {
      authorId: authorIds[0] ?? null,
      authorIds,
      firstSeq: members[0]!.seq,
      lastSeq: members.at(-1)!.seq,
      startedAt: members[0]!.createdAt,
      endedAt,
      updateCount: members.length,
      restoredFrom: members[0]!.restoredFrom ?? null,
    };
  });
}
