import type { Metadata } from 'next';
import Link from 'next/link';
import { getNote } from '@/server/domain/notes/get-note';
import { colourForSeat } from '@/server/domain/spaces/member-colour';
import { listMembers } from '@/server/domain/spaces/space-members';
import { ClosedSpaceNotice } from '../../closed-space-notice';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { findSpaceMembership } from '@/server/access/authorization';
import { CollaborativeEditor } from '../../../_components/collaborative-editor/collaborative-editor';
import { FeelingChips } from '../feeling-chips';
import { AcknowledgeForm, DeleteDraftForm, DraftNoteForm, ReplyForm, RetractNoteForm } from '../note-forms';
import { NotesLive } from '../notes-live';
import { RichText } from '../rich-text';
import '../notes.css';
import { LocalTime } from '@/app/_components/local-time';
import { loadOr404 } from '@/app/_lib/load-or-404';

export const metadata: Metadata = { title: 'Note' };

export default async function NotePage({ params, searchParams }: { params: Promise<{ noteId: string }>; searchParams: Promise<{ created?: string }> }) {
  const { noteId } = await params;
  // Strangers and the partner asking for a draft get the same 404 as for a note that never existed.
  const { viewer, db, found: note } = await loadOr404(`/notes/${encodeURIComponent(noteId)}`, noteId, (db, viewer) => getNote(db, viewer, noteId));
  const membership = note.visibility === 'full' ? await findSpaceMembership(db, viewer.userId, note.spaceId) : null;
  const members = membership ? await listMembers(db, membership.spaceId) : [];
  const closed = membership ? await describeClosedSpace(db, membership) : null;
  const me = members.find((m) => m.userId === viewer.userId);
  const partnerName = members.find((m) => m.userId !== viewer.userId)?.name ?? 'your partner';
  const back = (
    <p className="breadcrumb">
      <Link href="/notes">← All notes</Link>
    </p>
  );

  if (note.visibility === 'retracted') {
    return (
      <main className="container narrow">
        <NotesLive viewerId={viewer.userId} />
        {back}
        <h1>A note was retracted</h1>
        <p data-testid="retracted-message">{note.authorName} retracted this note{note.retractedAt ? <> on <LocalTime iso={note.retractedAt} format="date" /></> : ''}. Its words are no longer shared with you.</p>
      </main>
    );
  }

  if (note.status === 'draft') {
    const created = (await searchParams).created;
    return (
      <main className="container">
        <NotesLive viewerId={viewer.userId} />
        {back}
        {created ? <p className="notice notice-ok" role="status">Draft started. Write what happened below; it saves as you type.</p> : null}
        {closed ? <ClosedSpaceNotice closed={closed} /> : null}
        <hgroup>
          <h1>Draft note</h1>
          <p>
            <span className="badge badge-draft">Only you can see this draft</span>
          </p>
        </hgroup>
        <section className="note-section" aria-labelledby="what-happened-heading">
          <h2 id="what-happened-heading">What happened</h2>
          <CollaborativeEditor
            documentId={note.documentId}
            editable={!closed}
            user={{ id: viewer.userId, name: me?.name ?? 'You', colour: colourForSeat(me?.seat ?? 1) }}
            placeholder="What happened, in your words. Saved as you type, on all your devices."
            label="What happened"
          />
        </section>
        {closed ? null : (
          <>
            <section className="note-section" aria-label="Feelings and needs">
              <DraftNoteForm noteId={note.id} feelings={note.feelings} whatINeed={note.whatINeed} partnerName={partnerName} />
            </section>
            <DeleteDraftForm noteId={note.id} />
          </>
        )}
      </main>
    );
  }

  const retracted = note.status === 'retracted';
  return (
    <main className="container">
      <NotesLive viewerId={viewer.userId} />
      {back}
      <hgroup>
        <h1>{note.mine ? 'Your note' : `A note from ${note.authorName}`}</h1>
        <p className="muted">
          {note.sharedAt ? <>Shared <LocalTime iso={note.sharedAt} /></> : null}
          {retracted && note.retractedAt ? <> · retracted <LocalTime iso={note.retractedAt} /></> : null}
        </p>
      </hgroup>
      {closed ? <ClosedSpaceNotice closed={closed} /> : null}
      {retracted ? (
        <p className="notice notice-info" role="status">You retracted this note. {partnerName} can no longer read it; they only see that a note was retracted.</p>
      ) : null}
      <section className="note-section" aria-labelledby="feelings-heading">
        <h2 id="feelings-heading">{note.mine ? 'I feel' : `${note.authorName} feels`}</h2>
        <FeelingChips feelings={note.feelings} />
      </section>
      <section className="note-section" aria-labelledby="what-happened-heading">
        <h2 id="what-happened-heading">What happened</h2>
        <RichText node={note.whatHappened} empty={<p className="muted">Nothing written here.</p>} />
      </section>
      {note.whatINeed ? (
        <section className="note-section" aria-labelledby="need-heading">
          <h2 id="need-heading">What {note.mine ? 'I' : note.authorName} need{note.mine ? '' : 's'}</h2>
          <p className="need">{note.whatINeed}</p>
        </section>
      ) : null}
      <section className="note-section" aria-labelledby="ack-heading">
        <h2 id="ack-heading">Acknowledgement</h2>
        {note.acknowledgement ? (
          <div className="acknowledgement" data-testid="acknowledgement">
            <strong>{note.mine ? `${note.acknowledgement.byName} read this` : 'You read this'}</strong> · <LocalTime iso={note.acknowledgement.at} />
            {note.acknowledgement.response ? <p>“{note.acknowledgement.response}”</p> : null}
          </div>
        ) : note.mine ? (
          <p className="muted" data-testid="acknowledgement-waiting">Not acknowledged yet. There is no rush.</p>
        ) : retracted || closed ? (
          <p className="muted">Not acknowledged.</p>
        ) : (
          <AcknowledgeForm noteId={note.id} />
        )}
      </section>
      <section className="note-section" aria-labelledby="replies-heading">
        <h2 id="replies-heading">Replies</h2>
        {note.replies.length === 0 ? <p className="muted">No replies yet.</p> : null}
        <ul className="plain replies" data-testid="replies">
          {note.replies.map((reply) => (
            <li key={reply.id} className={reply.mine ? 'reply reply-mine' : 'reply'}>
              <header>
                {reply.mine ? 'You' : reply.authorName} · <LocalTime iso={reply.createdAt} />
              </header>
              <p>{reply.body}</p>
            </li>
          ))}
        </ul>
        {retracted || closed ? null : <ReplyForm noteId={note.id} />}
      </section>
      {note.mine && !retracted && !closed ? <RetractNoteForm noteId={note.id} partnerName={partnerName} /> : null}
    </main>
  );
}
