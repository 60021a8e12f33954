import type { Metadata } from 'next';
import Link from 'next/link';
import { requireSignedIn } from '../../../_lib/viewer';
import { NewNoteForm } from '../note-forms';
import '../notes.css';

export const metadata: Metadata = { title: 'Write a note' };

export default async function NewNotePage() {
  await requireSignedIn('/notes/new');
  return (
    <main className="container">
      <p className="breadcrumb">
        <Link href="/notes">← All notes</Link>
      </p>
      <hgroup>
        <h1>Write a note</h1>
        <p>Start with how you feel. Only you can see this note until you choose to share it.</p>
      </hgroup>
      <NewNoteForm />
    </main>
  );
}
