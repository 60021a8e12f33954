import type { ReactNode } from 'react';
import { PublicHeader } from '../_components/public-header';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PublicHeader />
      {children}
    </>
  );
}
