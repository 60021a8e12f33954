import Link from 'next/link';

/** The header of pages seen before signing in: just the name, home. */
export function PublicHeader() {
  return (
    <header className="public-header">
      <Link href="/" className="brand">Mend</Link>
    </header>
  );
}
