'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { signOutAction } from '../(auth)/actions';
import { navLinks } from './nav-links';

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
            <form action={signOutAction}>
              <button type="submit" className="link">Sign out</button>
            </form>
          </li>
        </ul>
      </nav>
    </header>
  );
}
