'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef } from 'react';
import { signOutAction } from '../(auth)/actions';
import { currentNavHref, isNavGroup, navLinks, type NavGroup } from './nav-links';
import styles from './site-header.module.css';
import { forgetThisDeviceNow } from '../_lib/forget-this-device';

/**
 * Signing out also erases this browser's copies of documents (kept for offline editing), its caches
 * and stored keys, the same way Quick exit does, so the next person at a shared device cannot read a
 * journal entry or a draft from the browser's storage.
 */
async function signOutAndForget(): Promise<void> {
  await forgetThisDeviceNow();
  await signOutAction();
}

/**
 * A disclosure that closes when a page opens or when the person clicks elsewhere (a native
 * <details>: keyboard and screen readers work as they do everywhere).
 */
function useClosingDisclosure() {
  const details = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (details.current) details.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const closeOutside = (event: MouseEvent) => {
      if (details.current?.open && !details.current.contains(event.target as Node)) details.current.open = false;
    };
    document.addEventListener('click', closeOutside);
    return () => document.removeEventListener('click', closeOutside);
  }, []);
  return details;
}

/** A group of sections as one entry that opens to its links. */
function NavGroupEntry({ group, current }: { group: NavGroup; current: string | null }) {
  const details = useClosingDisclosure();
  const here = group.links.some((link) => link.href === current);
  return (
    <details ref={details} className={styles.group}>
      <summary className={here ? styles.here : undefined} aria-label={here ? `${group.label} (you are here)` : undefined}>
        {group.label}
      </summary>
      <ul>
        {group.links.map((link) => (
          <li key={link.href}>
            <Link href={link.href} aria-current={link.href === current ? 'page' : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * One slim row. On a laptop every entry is in that row; on a phone the entries sit behind a Menu
 * button (the same list, shown by CSS at wider screens, so there is one navigation to keep right).
 */
export function SiteHeader({ name }: { name: string }) {
  const pathname = usePathname();
  const current = currentNavHref(pathname);
  const menu = useClosingDisclosure();
  return (
    <header className={`site-header ${styles.header}`}>
      <nav aria-label="Main" className={styles.bar}>
        <Link href="/space" className={`brand ${styles.brand}`}>Mend</Link>
        <details ref={menu} className={styles.menu}>
          <summary className={styles.menuButton}>Menu</summary>
          <div className={styles.entries}>
            <ul className={styles.sections}>
              {navLinks.map((entry) =>
                isNavGroup(entry) ? (
                  <li key={entry.label}>
                    <NavGroupEntry group={entry} current={current} />
                  </li>
                ) : (
                  <li key={entry.href}>
                    <Link href={entry.href} aria-current={entry.href === current ? 'page' : undefined}>
                      {entry.label}
                    </Link>
                  </li>
                ),
              )}
            </ul>
            <ul className={styles.personal}>
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
          </div>
        </details>
      </nav>
    </header>
  );
}
