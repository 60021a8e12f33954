/** The signed-in navigation. Each feature adds its entry here. */
export const navLinks: Array<{ href: string; label: string }> = [
  { href: '/space', label: 'Our space' },
  { href: '/conversations', label: 'Talk' },
  { href: '/agreements', label: 'Agreements' },
  { href: '/notes', label: 'Notes' },
  { href: '/journal', label: 'Journal' },
];
