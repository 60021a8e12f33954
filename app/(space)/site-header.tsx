'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOutAction } from '../(auth)/actions';
import { navLinks } from './nav-links';
import { localCopyName } from '../_components/collaborative-editor/use-collaboration-session';

/**
 * Signing out also deletes this browser's copies of documents (kept for offline editing), so the next
 * person at a shared device cannot read a journal entry or a draft from the browser's storage.
 */
async function forgetDeviceCopies(): Promise<void> {
  const prefix = localCopyName('');
  const databases = (await indexedDB.databases?.().catch(() => [])) ?? [];
  await Promise.all(
    databases
      .filter((database) => database.name?.startsWith(prefix))
      .map(
        (database) =>
          new Promise<void>((resolve) => {
            const request = indexedDB.deleteDatabase(database.name!);
            request.onsuccess = request.onerror = request.onblocked = () => resolve();
          }),
      ),
  );
}

async function signOutAndForget(): Promise<void> {
  await forgetDeviceCopies();
  await signOutAction();
}

export function SiteHeader({ name }: { name: string }) {
  const pathname = usePathname();
  return (
    <header className="site-header">
      <nav aria-label="Main">
        <ul>
          <li><Link href="/space" className="brand">Mend</Link></li>
        </ul>
        <ul>
          {navLinks.map((link) => (
            <li key={link.href}>
              <Link href={link.href} aria-current={pathname === link.href || pathname.startsWith(`${link.href}/`) ? 'page' : undefined}>
                {link.label}
              </Link>
            </li>
          ))}
          <li>
            <Link href="/account" className="muted" aria-label={`Your account (${name})`} aria-current={pathname === '/account' ? 'page' : undefined}>
              {name}
            </Link>
          </li>
          <li>
            <form action={signOutAndForget}>
              <button type="submit" className="link">Sign out</button>
            </form>
          </li>
        </ul>
      </nav>
    </header>
  );
}
