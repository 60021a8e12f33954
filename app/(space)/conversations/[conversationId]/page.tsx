import type { Metadata } from 'next';
import Link from 'next/link';
import { getConversationSummary } from '@/server/domain/conversations/list-conversations';
import { listMembers } from '@/server/domain/spaces/space-members';
import { CollaborativeEditor } from '../../../_components/collaborative-editor/collaborative-editor';
import { NextStepToCommitmentForm } from '../../commitments/next-step-to-commitment-form';
import { CheckInCard } from '../check-in-card';
import { describeEnding, formatDuration } from '../format';
import '../conversations.css';
import { LocalTime } from '@/app/_components/local-time';
import { loadOr404 } from '@/app/_lib/load-or-404';

export const metadata: Metadata = { title: 'Conversation summary' };

export default async function ConversationSummaryPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const { conversationId } = await params;
  const { viewer, db, found: found } = await loadOr404(`/conversations/${encodeURIComponent(conversationId)}`, conversationId, (db, viewer) => getConversationSummary(db, viewer, conversationId));
  const { summary, ended, spaceId } = found;
  // The conversation's own space, which may have closed since (the one who stayed still reads it).
  const members = await listMembers(db, spaceId);
  const me = members.find((m) => m.userId === viewer.userId)!;
  const name = (id: string | null) => (id === viewer.userId ? 'You' : (members.find((m) => m.userId === id)?.name ?? 'A former member'));
  const ending = describeEnding(summary, viewer.userId, (id) => name(id));
  const clockTime = (at: number) => <LocalTime iso={new Date(at).toISOString()} format="time" />;
  const when = (at: number) => <LocalTime iso={new Date(at).toISOString()} />;
  return (
    <main className="container conversation-summary">
      <p className="breadcrumb">
        <Link href="/conversations">← Conversations</Link>
      </p>
      <hgroup>
        <h1>{summary.topic}</h1>
        <p className="muted">
          {summary.openedAt ? <>{when(summary.openedAt)} · {formatDuration(summary.durationMs)}</> : 'This conversation did not start.'}
          {ending ? ` · ${ending}` : ''}
        </p>
      </hgroup>
      {!ended ? <p className="notice notice-info">This conversation is still going. <Link href="/conversations">Go back to it</Link>.</p> : null}
      <div className="conv-summary-grid">
        <section className="card" aria-labelledby="checkins-heading">
          <h2 id="checkins-heading">Check-ins</h2>
          {summary.checkIns.length ? (
            <div className="conv-both-check-ins conv-both-check-ins--compact">
              {summary.checkIns.map(({ userId, checkIn }) => (
                <CheckInCard key={userId} label={name(userId)} checkIn={checkIn} mine={userId === viewer.userId} />
              ))}
            </div>
          ) : (
            <p className="muted">None shared. Check-ins are shown only once you have both chosen.</p>
          )}
        </section>
        <section className="card" aria-labelledby="turns-heading">
          <h2 id="turns-heading">Turns</h2>
          {summary.turns.length ? (
            <ol className="conv-summary-list" data-testid="summary-turns">
              {summary.turns.map((turn, index) => (
                <li key={index}>
                  {name(turn.speakerId)} spoke for {formatDuration(turn.spokenMs)}
                  {turn.endedBy === 'time' ? ' (until the timer ended)' : ''}
                </li>
              ))}
            </ol>
          ) : (
            <p className="muted">Nobody took the floor.</p>
          )}
        </section>
      </div>
      <section className="card" aria-labelledby="reflections-heading">
        <h2 id="reflections-heading">Reflections</h2>
        {summary.reflections.length ? (
          <ul className="conv-summary-list" data-testid="summary-reflections">
            {summary.reflections.map((reflection, index) => (
              <li key={index}>
                <span className="muted">
                  {name(reflection.listenerId)} reflected {name(reflection.speakerId) === 'You' ? 'you' : name(reflection.speakerId)} ·{' '}
                  {reflection.tries === 1 ? 'first try' : `${reflection.tries} tries`}
                  {reflection.confirmed ? '' : ' · not confirmed'}
                </span>
                <br />“{reflection.text}”
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No reflections.</p>
        )}
      </section>
      <section className="card" aria-labelledby="pauses-heading">
        <h2 id="pauses-heading">Pauses</h2>
        {summary.pauses.length ? (
          <ul className="conv-summary-list" data-testid="summary-pauses">
            {summary.pauses.map((pause, index) => (
              <li key={index}>
                {name(pause.by)} paused at {when(pause.startedAt)}
                {pause.lengthMs !== null ? ` for ${formatDuration(pause.lengthMs)}` : ''}
                {pause.agreedReturnAt !== null ? <> · you agreed to come back at {clockTime(pause.agreedReturnAt)}</> : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">No pauses.</p>
        )}
      </section>
      <section aria-labelledby="next-steps-heading">
        <h2 id="next-steps-heading">Next steps</h2>
        {summary.nextStepsDocumentId ? (
          <CollaborativeEditor documentId={summary.nextStepsDocumentId} user={{ id: me.userId, name: me.name, colour: me.colour }} label="Next steps" />
        ) : (
          <p className="muted">No next steps were written.</p>
        )}
        {ended && summary.nextStepsDocumentId ? <NextStepToCommitmentForm conversationId={found.id} /> : null}
      </section>
    </main>
  );
}
