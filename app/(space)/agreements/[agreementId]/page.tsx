import type { Metadata } from 'next';
import Link from 'next/link';
import { requireAgreement } from '@/server/access/authorization';
import { readName } from '@/server/domain/accounts/person-names';
import { colourForSeat } from '@/server/domain/spaces/member-colour';
import { CollaborativeEditor } from '../../../_components/collaborative-editor/collaborative-editor';
import { loadOr404 } from '../../../_lib/load-or-404';
import { ArchiveAgreementButton, RenameAgreementForm } from '../agreement-forms';
import { AgreementLiveRefresh } from '../agreement-live-refresh';
// Versions and history: one self-contained strip above the editor.
import { AgreementVersionStrip } from './versions/agreement-version-status';
import { describeClosedSpace } from '@/server/domain/spaces/describe-closed-space';
import { ClosedSpaceNotice } from '../../closed-space-notice';
import '../agreements.css';
import { LocalTime } from '@/app/_components/local-time';

export const metadata: Metadata = { title: 'Agreement' };

export default async function AgreementPage({ params }: { params: Promise<{ agreementId: string }> }) {
  const { agreementId } = await params;
  const { viewer, db, found: access } = await loadOr404(`/agreements/${encodeURIComponent(agreementId)}`, agreementId, (db, viewer) => requireAgreement(db, viewer, agreementId));
  const { document, membership } = access;
  const myName = await readName(db, viewer.userId);
  const creatorName = document.createdBy ? await readName(db, document.createdBy) : null;
  const archived = Boolean(document.archivedAt);
  const closed = await describeClosedSpace(db, membership);
  const editable = access.mode === 'edit';
  return (
    <main className="container">
      <AgreementLiveRefresh documentId={document.id} />
      <p className="breadcrumb">
        <Link href="/agreements">← All agreements</Link>
      </p>
      <hgroup>
        <h1>{document.title}</h1>
        <p className="muted">
          {creatorName ? `Started by ${document.createdBy === viewer.userId ? 'you' : creatorName} on ` : 'Started on '}
          <LocalTime iso={document.createdAt} format="date" />
        </p>
      </hgroup>
      {closed ? <ClosedSpaceNotice closed={closed} /> : null}
      {archived && !closed ? (
        <div className="notice notice-info archived-notice" role="status">
          <span>This agreement is archived: it is kept as it was, read only.</span>
          <ArchiveAgreementButton agreementId={document.id} archived compact />
        </div>
      ) : null}
      <AgreementVersionStrip agreementId={document.id} />
      <CollaborativeEditor
        documentId={document.id}
        editable={editable}
        user={{ id: viewer.userId, name: myName ?? 'You', colour: colourForSeat(membership.seat) }}
        placeholder="Write what you both agree to. Headings and checklists help keep it clear."
        label="Agreement text"
      />
      {!editable ? null : (
        <details className="agreement-settings">
          <summary>Rename or archive</summary>
          <RenameAgreementForm agreementId={document.id} title={document.title} />
          <p className="muted">Archiving keeps the agreement and its history, read only, out of the main list. Either of you can bring it back.</p>
          <ArchiveAgreementButton agreementId={document.id} archived={false} />
        </details>
      )}
    </main>
  );
}
