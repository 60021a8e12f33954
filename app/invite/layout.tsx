import type { ReactNode } from 'react';
import { PublicHeader } from '../_components/public-header';

export default function InviteLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PublicHeader />
      {children}
    </>
  );
}
