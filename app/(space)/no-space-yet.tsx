import Link from 'next/link';

/** What a space page shows to someone signed in who has no space yet: where to go instead. */
export function NoSpaceYet({ title, lead }: { title: string; lead: string }) {
  return (
    <main className="container narrow">
      <h1>{title}</h1>
      <p>
        {lead} <Link href="/space">Create your space</Link> first, or open the invite link your partner sent you.
      </p>
    </main>
  );
}
