import type { Metadata } from 'next';
import Link from 'next/link';
import { findReadableSpace } from '@/server/access/authorization';
import { getDb } from '@/server/db/process-database';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { listMembers } from '@/server/domain/spaces/space-members';
import { requireSignedIn } from '../../../_lib/viewer';
import { ClosedSpaceNotice } from '../../closed-space-notice';
import { NoSpaceYet } from '../../no-space-yet';
import { AmendDraftForm } from '../amend-forms';
import { listCommitmentChoices } from '../commitment-choices';
import '../amends.css';

export const metadata: Metadata = { title: 'Write an amend' };

export default async function NewAmendPage() {
  const viewer = await requireSignedIn('/amends/new');
  const db = getDb();
  const membership = await findReadableSpace(db, viewer.userId);
  if (!membership) return <NoSpaceYet title="Write an amend" lead="Amends live in the space you share with your partner." />;
  const closed = await describeClosedSpace(db, membership);
  const back = (
    <p className="breadcrumb">
      <Link href="/amends">← All amends</Link>
    </p>
  );
  if (closed) {
    return (
      <main className="container">
        {back}
        <h1>Write an amend</h1>
        <ClosedSpaceNotice closed={closed} />
      </main>
    );
  }
  const [members, commitments] = await Promise.all([listMembers(db, membership.spaceId), listCommitmentChoices(db, viewer)]);
  const partnerName = members.find((m) => m.userId !== viewer.userId)?.name ?? 'your partner';
  return (
    <main className="container">
      {back}
      <hgroup>
        <h1>Write an amend</h1>
        <p>Say what you did and how you understand it affected {partnerName}, in your own words. Only you can see it until you choose to offer it.</p>
      </hgroup>
      <AmendDraftForm partnerName={partnerName} commitments={commitments} />
    </main>
  );
}
