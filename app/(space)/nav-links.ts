/**
 * The signed-in navigation. Each feature adds its entry here. Sections that belong together sit in one
 * group, shown as one entry that opens to its links, so the header stays one row on a laptop and two
 * short rows on a phone with every entry in sight.
 */
export interface NavLink {
  href: string;
  label: string;
}

export interface NavGroup {
  label: string;
  links: NavLink[];
}

export type NavEntry = NavLink | NavGroup;

export const navLinks: NavEntry[] = [
  { href: '/home', label: 'Home' },
  { href: '/space', label: 'Our space' },
  { href: '/conversations', label: 'Talk' },
  { href: '/agreements', label: 'Agreements' },
  { href: '/notes', label: 'Notes' },
  {
    // Repair over weeks, and new things shared: what the two of you do together.
    label: 'Together',
    links: [
      { href: '/commitments', label: 'Commitments' },
      { href: '/amends', label: 'Amends' },
      { href: '/experiences', label: 'Experiences' },
      { href: '/experiences/memories', label: 'Memories' },
    ],
  },
  { href: '/journal', label: 'Journal' },
];

export const isNavGroup = (entry: NavEntry): entry is NavGroup => 'links' in entry;

/** The link that matches the page most closely ("/experiences/memories" over "/experiences"). */
export function currentNavHref(pathname: string, entries: NavEntry[] = navLinks): string | null {
  const hrefs = entries.flatMap((entry) => (isNavGroup(entry) ? entry.links : [entry])).map((link) => link.href);
  const matches = hrefs.filter((href) => pathname === href || pathname.startsWith(`${href}/`));
  return matches.sort((a, b) => b.length - a.length)[0] ?? null;
}
