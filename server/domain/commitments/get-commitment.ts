import { asc, eq } from 'drizzle-orm';
import { commitmentCheckIns, commitmentSteps, commitmentVersions, documents, users, type Cadence, type CommitmentStatus, type CommitmentStepType } from '../../../drizzle/schema';
import type { Database } from '../../db/database';
import { requireCommitment, type Viewer } from '../../access/authorization';
import { personName } from '../notes/person-name';
import { listMembers } from '../spaces/space-members';
import { findAgreementClause } from './agreement-clauses';
import { viewPeriod, type PeriodView } from './check-in-view';
import { CHECK_IN_WINDOW_DAYS } from './check-in-on-commitment';
import { loadAgreementDoc } from './load-agreement-doc';
import { addDays, chartWeeks, currentPeriod, localDate, periodsBetween, type CadenceSchedule } from './periods';

export interface ClauseView {
  documentId: string | null;
  agreementTitle: string | null;
  /** The clause as it read when the commitment was linked to it. */
  textWhenLinked: string;
  /** 'changed': its words differ now; 'removed': it is no longer in the agreement (or the agreement is gone). */
  state: 'same' | 'changed' | 'removed';
  textNow: string | null;
}

export interface CommitmentView {
  id: string;
  spaceId: string;
  status: CommitmentStatus;
  mine: boolean;
  ownerId: string;
  ownerName: string;
  partnerId: string | null;
  partnerName: string;
  requestedByName: string | null;
  requestedByMe: boolean;
  text: string;
  versions: Array<{ number: number; text: string; at: Date; byName: string }>;
  steps: Array<{ type: CommitmentStepType; actorName: string; mine: boolean; note: string | null; at: Date }>;
  cadence: Cadence;
  startDate: string;
  reviewDate: string | null;
  timeZone: string;
  clause: ClauseView | null;
  sourceConversationId: string | null;
  today: string;
  /** The period running now, with what the viewer may see of it. */
  current: PeriodView | null;
  /** Ended periods of the last eight weeks the viewer has not given their view of yet, newest first (at most four). */
  catchUp: PeriodView[];
  /** The chart: weeks (Monday to Sunday, the committer's zone), each period's two views as the viewer may see them. */
  weeks: Array<{ monday: string; periods: PeriodView[] }>;
  /** The space closed when a partner left: everything can be read, nothing changed. */
  readOnly: boolean;
}

const CHART_WEEKS = 12;

/**
 * One commitment as the viewer may see it. Strangers get "not found". Check-ins pass through the
 * reveal rule (check-in-view.ts) here, so no page, live refresh or export built on this read model
 * can carry a partner's view before its time.
 */
export async function getCommitment(db: Database, viewer: Viewer, commitmentId: string, now = new Date()): Promise<CommitmentView> {
  const { commitment: c, membership, isOwner } = await requireCommitment(db, viewer, commitmentId, 'view');
  const me = membership.userId;
  const [versions, steps, checkIns, members] = await Promise.all([
    db
      .select({ number: commitmentVersions.number, text: commitmentVersions.text, at: commitmentVersions.createdAt, byName: users.name })
      .from(commitmentVersions)
      .leftJoin(users, eq(users.id, commitmentVersions.createdBy))
      .where(eq(commitmentVersions.commitmentId, c.id))
      .orderBy(asc(commitmentVersions.number)),
    db
      .select({ type: commitmentSteps.type, actorId: commitmentSteps.actorId, actorName: users.name, note: commitmentSteps.note, at: commitmentSteps.createdAt })
      .from(commitmentSteps)
      .leftJoin(users, eq(users.id, commitmentSteps.actorId))
      .where(eq(commitmentSteps.commitmentId, c.id))
      .orderBy(asc(commitmentSteps.createdAt)),
    db.select().from(commitmentCheckIns).where(eq(commitmentCheckIns.commitmentId, c.id)),
    listMembers(db, c.spaceId),
  ]);
  const partner = members.find((m) => m.userId !== me) ?? null;
  const schedule: CadenceSchedule = { cadence: c.cadence, startDate: c.startDate, timeZone: c.timeZone };
  const context = { viewerId: me, timeZone: c.timeZone, now };
  const today = localDate(now, c.timeZone);
  const running = c.status === 'active' || c.status === 'paused' || c.status === 'completed';
  const current = c.status === 'active' ? currentPeriod(schedule, now) : null;
  const catchUp =
    c.status === 'active'
      ? periodsBetween(schedule, addDays(today, -CHECK_IN_WINDOW_DAYS), today)
          .filter((p) => p.end <= today && p.end >= addDays(today, -CHECK_IN_WINDOW_DAYS))
          .map((p) => viewPeriod(p, checkIns, context))
          .filter((p) => !p.mine)
          .reverse()
          .slice(0, 4)
      : [];
  const weeks = running ? chartWeeks(schedule, now, CHART_WEEKS).map((week) => ({ monday: week.monday, periods: week.periods.map((p) => viewPeriod(p, checkIns, context)) })) : [];
  const text = versions.at(-1)?.text ?? '';
  return {
    id: c.id,
    spaceId: c.spaceId,
    status: c.status,
    mine: isOwner,
    ownerId: c.ownerId,
    ownerName: await personName(db, c.ownerId),
    partnerId: partner?.userId ?? null,
    partnerName: partner?.name ?? 'Your partner',
    requestedByName: c.requestedBy ? await personName(db, c.requestedBy) : null,
    requestedByMe: c.requestedBy === me,
    text,
    versions: versions.map((v) => ({ number: v.number, text: v.text, at: v.at, byName: v.byName ?? 'A former partner' })),
    steps: [...steps].sort(byTimeThenLifeOrder).map((s) => ({ type: s.type, actorName: s.actorName ?? 'A former partner', mine: s.actorId === me, note: s.note, at: s.at })),
    cadence: c.cadence,
    startDate: c.startDate,
    reviewDate: c.reviewDate,
    timeZone: c.timeZone,
    clause: await readClause(db, c),
    sourceConversationId: c.sourceConversationId,
    today,
    current: current ? viewPeriod(current, checkIns, context) : null,
    catchUp,
    weeks,
    readOnly: membership.closed,
  };
}

/** Steps in the order they happened; two in the same millisecond in the order a life allows. */
const LIFE_ORDER: CommitmentStepType[] = ['requested', 'created', 'accepted', 'declined', 'changed', 'paused', 'resumed', 'completed'];
function byTimeThenLifeOrder(a: { at: Date; type: CommitmentStepType }, b: { at: Date; type: CommitmentStepType }): number {
  return a.at.getTime() - b.at.getTime() || LIFE_ORDER.indexOf(a.type) - LIFE_ORDER.indexOf(b.type);
}

/** The linked clause as it was when linked, and whether the agreement still says the same. */
async function readClause(
  db: Database,
  c: { clauseDocumentId: string | null; clauseClient: number | null; clauseClock: number | null; clauseText: string | null },
): Promise<ClauseView | null> {
  if (c.clauseText === null || c.clauseClient === null || c.clauseClock === null) return null;
  const base = { documentId: c.clauseDocumentId, textWhenLinked: c.clauseText };
  if (!c.clauseDocumentId) return { ...base, agreementTitle: null, state: 'removed', textNow: null };
  const [agreement] = await db.select({ title: documents.title }).from(documents).where(eq(documents.id, c.clauseDocumentId)).limit(1);
  const doc = await loadAgreementDoc(db, c.clauseDocumentId);
  try {
    const now = findAgreementClause(doc, { client: c.clauseClient, clock: c.clauseClock });
    if (!now) return { ...base, agreementTitle: agreement?.title ?? null, state: 'removed', textNow: null };
    return { ...base, agreementTitle: agreement?.title ?? null, state: now.text === c.clauseText ? 'same' : 'changed', textNow: now.text };
  } finally {
    doc.destroy();
  }
}
