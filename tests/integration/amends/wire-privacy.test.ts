/**
 * Amends on the wire: every raw socket.io frame that reaches the partner's (and a stranger's) own
 * client through the real server, while the author writes, changes, links and deletes drafts, then
 * offers and withdraws. A draft's words and id never reach the partner; once offered, the partner
 * hears of it (the positive control), still without its words.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MendServer } from '../../../server/http-server';
import { createAmend } from '../../../server/domain/amends/create-amend';
import { deleteAmendDraft } from '../../../server/domain/amends/delete-amend-draft';
import { offerAmend } from '../../../server/domain/amends/offer-amend';
import { receiveAmend } from '../../../server/domain/amends/receive-amend';
import { saveHowItAffectedMe } from '../../../server/domain/amends/save-how-it-affected-me';
import { updateAmendDraft } from '../../../server/domain/amends/update-amend-draft';
import { withdrawAmend } from '../../../server/domain/amends/withdraw-amend';
import { createSocketIoService } from '../../../server/realtime/socket-io/socket-io-service';
import { makeCouple } from '../../support/fixtures';
import { connectLiveClient, startLiveServer, waitForEvent } from '../../support/live-clients';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

const today = () => new Date().toISOString().slice(0, 10);

describe.each(testDatabaseKinds())('amends on the wire (%s)', (kind) => {
  const t = useTestDatabase(kind);
  let server: MendServer;
  beforeAll(async () => {
    server = await startLiveServer(t.handle, [createSocketIoService({ log: () => {} })]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the partner receives no frame with a draft’s words or id; an offered amend arrives without its words', async () => {
    const { alex, sam, stranger } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const samLive = await connectLiveClient(server, sam.id);
    const strangerLive = await connectLiveClient(server, stranger.id);
    const alexLive = await connectLiveClient(server, alex.id);
    const marker = `AMENDWIRE${Date.now()}`;

    const draft = await createAmend(t.db, A, { whatIDid: `${marker} what I did`, howItAffectedYou: `${marker} how it affected you`, newCommitment: { text: 'I will come home when I say', cadence: { kind: 'daily' }, startDate: today(), timeZone: 'UTC' } });
    await updateAmendDraft(t.db, A, draft.id, { whatIDid: `${marker} what I did, said better`, commitmentIds: [draft.createdCommitmentId!] });
    const discarded = await createAmend(t.db, A, { whatIDid: `${marker} a draft I will delete` });
    await deleteAmendDraft(t.db, A, discarded.id);
    // The author's own devices hear of every draft change (a control that events flow at all).
    await waitForEvent(alexLive, 'amend-drafts-changed', (p: { amendId: string }) => p.amendId === discarded.id);
    await new Promise((resolve) => setTimeout(resolve, 200));

    for (const client of [samLive, strangerLive]) {
      const wire = client.wire.join('\n');
      expect(wire).not.toContain(marker);
      expect(wire).not.toContain(draft.id);
      expect(wire).not.toContain(discarded.id);
      expect(client.received.map((e) => e.event)).not.toContain('amend-drafts-changed');
    }
    expect(alexLive.wire.join('\n')).not.toContain(marker);

    // Offered: the partner hears of it live, with its id and the author's name, never its words.
    await offerAmend(t.db, A, draft.id);
    expect(await waitForEvent(samLive, 'amend-offered')).toEqual({ amendId: draft.id, actorId: alex.id, actorName: 'Alex' });
    expect(samLive.wire.join('\n')).toContain(draft.id);
    expect(samLive.wire.join('\n')).not.toContain(marker);
    expect(samLive.wire.join('\n')).not.toContain(discarded.id);

    await receiveAmend(t.db, { userId: sam.id }, draft.id, { words: `${marker} received words` });
    await saveHowItAffectedMe(t.db, { userId: sam.id }, draft.id, { text: `${marker} how it affected me` });
    await waitForEvent(alexLive, 'amend-affected-changed');
    await withdrawAmend(t.db, A, draft.id);
    await waitForEvent(samLive, 'amend-withdrawn', (p: { amendId: string }) => p.amendId === draft.id);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const client of [samLive, alexLive, strangerLive]) expect(client.wire.join('\n')).not.toContain(marker);
    expect(strangerLive.wire.join('\n')).not.toContain(draft.id);

    for (const client of [samLive, strangerLive, alexLive]) client.close();
  });
});
