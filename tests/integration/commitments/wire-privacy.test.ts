/**
 * Unrevealed check-ins on the wire: with a real server and socket.io clients recording every raw
 * frame, the partner's client never receives the owner's check-in (value or note) before it is
 * revealed, and the read models the pages render from (the commitment page, the list, the space
 * page's due-this-week card and activity list) do not contain it either. Positive controls show the
 * same checks do see it once it is revealed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MendServer } from '../../../server/http-server';
import { listActivity } from '../../../server/domain/activity/record-activity';
import { checkInOnCommitment } from '../../../server/domain/commitments/check-in-on-commitment';
import { createCommitment } from '../../../server/domain/commitments/create-commitment';
import { getCommitment } from '../../../server/domain/commitments/get-commitment';
import { listCommitments } from '../../../server/domain/commitments/list-commitments';
import { listDueThisWeek } from '../../../server/domain/commitments/list-due-this-week';
import { localDate } from '../../../server/domain/commitments/periods';
import { createSocketIoService } from '../../../server/realtime/socket-io/socket-io-service';
import { makeCouple } from '../../support/fixtures';
import { connectLiveClient, startLiveServer, waitForEvent } from '../../support/live-clients';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

const ZONE = 'Europe/London';

describe.each(testDatabaseKinds())('commitment check-ins on the wire (%s)', (kind) => {
  const t = useTestDatabase(kind);
  let server: MendServer;
  beforeAll(async () => {
    server = await startLiveServer(t.handle, [createSocketIoService({ log: () => {} })]);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('the partner receives nothing of an unrevealed check-in, in any frame or read model, until both have checked in', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const alexLive = await connectLiveClient(server, alex.id);
    const samLive = await connectLiveClient(server, sam.id);
    const strangerLive = await connectLiveClient(server, stranger.id);
    const today = localDate(new Date(), ZONE);
    const commitment = await createCommitment(t.db, { userId: alex.id }, space.id, { text: 'I will walk with you after dinner', cadence: { kind: 'daily' }, startDate: today, timeZone: ZONE });
    await waitForEvent(samLive, 'commitment-changed');
    const marker = `ALEXCHECKIN${Date.now()}`;

    expect(await checkInOnCommitment(t.db, { userId: alex.id }, commitment.id, { periodStart: today, value: 'not-yet', note: `${marker} it was hard` })).toBe('hidden-until-both');
    // Alex's own devices hear of it (so another tab refreshes); that frame carries no content either.
    const own = (await waitForEvent(alexLive, 'commitment-own-check-in-saved')) as Record<string, unknown>;
    expect(own).toEqual({ commitmentId: commitment.id, periodStart: today });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const samWire = () => samLive.wire.join('\n');
    expect(samWire()).not.toContain(marker);
    expect(samWire()).not.toContain('not-yet');
    expect(samLive.received.map((e) => e.event)).not.toContain('commitment-own-check-in-saved');
    expect(samLive.received.map((e) => e.event)).not.toContain('commitment-check-ins-revealed');
    expect(strangerLive.received.map((e) => e.event).filter((e) => e.startsWith('commitment'))).toEqual([]);
    expect(alexLive.wire.join('\n')).not.toContain(marker);

    // What the partner's pages render from.
    const samReads = async () =>
      JSON.stringify([
        await getCommitment(t.db, { userId: sam.id }, commitment.id),
        await listCommitments(t.db, { userId: sam.id }),
        await listDueThisWeek(t.db, { userId: sam.id }),
        await listActivity(t.db, space.id),
      ]);
    const before = await samReads();
    expect(before).not.toContain(marker);
    expect(before).not.toContain('not-yet');
    expect(before).toContain('I will walk with you after dinner');

    // Sam gives their view: now both are revealed, to both, by a content-free event.
    await checkInOnCommitment(t.db, { userId: sam.id }, commitment.id, { periodStart: today, value: 'kept', note: 'SAMNOTE thank you' });
    const revealed = (await waitForEvent(samLive, 'commitment-check-ins-revealed')) as Record<string, unknown>;
    expect(revealed).toEqual({ commitmentId: commitment.id, periodStart: today, actorId: sam.id, actorName: 'Sam' });
    await waitForEvent(alexLive, 'commitment-check-ins-revealed');
    expect(samWire()).not.toContain(marker);
    expect(alexLive.wire.join('\n')).not.toContain('SAMNOTE');
    expect(strangerLive.received.map((e) => e.event).filter((e) => e.startsWith('commitment'))).toEqual([]);

    // Positive control: the same read now carries Alex's view, so the checks above could fail.
    const after = await samReads();
    expect(after).toContain(marker);
    expect(after).toContain('not-yet');
    for (const client of [alexLive, samLive, strangerLive]) client.close();
  });
});
