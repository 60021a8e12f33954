/**
 * Shared experiences through the real domain functions on PGlite and PostgreSQL: ideas (typed or
 * from a suggestion), edits, plans in the person's own time zone, done, a memory from each partner
 * with a photo whose metadata is gone from the stored bytes, refused files that leave nothing behind,
 * the photo as a client receives it (status, headers, bytes) for every kind of person, a closed
 * space that is read only, live events after commit, and the access matrix.
 */
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { experienceMemories, experiences, photos } from '../../../drizzle/schema';
import { CLOSED_SPACE_MESSAGE, type Viewer } from '../../../server/access/authorization';
import { listActivity } from '../../../server/domain/activity/record-activity';
import { AppError } from '../../../server/domain/errors';
import { addExperience, addSuggestedExperience } from '../../../server/domain/experiences/add-experience';
import { deleteExperience } from '../../../server/domain/experiences/delete-experience';
import { deletePhotosOfPerson } from '../../../server/domain/experiences/delete-photos-of-person';
import { deleteAccount } from '../../../server/domain/accounts/delete-account';
import { editExperience } from '../../../server/domain/experiences/edit-experience';
import { EXPERIENCE_CHANGED_EVENT } from '../../../server/domain/experiences/experience-live-events';
import { getExperience } from '../../../server/domain/experiences/get-experience';
import { listExperiences, listMemories } from '../../../server/domain/experiences/list-experiences';
import { markExperienceDone } from '../../../server/domain/experiences/mark-experience-done';
import { planExperience } from '../../../server/domain/experiences/plan-experience';
import { PHOTO_MESSAGES } from '../../../server/domain/experiences/prepare-memory-photo';
import { deleteMemory, removeMemoryPhoto } from '../../../server/domain/experiences/remove-memory';
import { saveMemory } from '../../../server/domain/experiences/save-memory';
import { serveMemoryPhoto } from '../../../server/domain/experiences/serve-memory-photo';
import { EXPERIENCE_SUGGESTIONS } from '../../../server/domain/experiences/suggestions';
import { leaveSpace } from '../../../server/domain/spaces/leave-space';
import { onLiveEvent, type LiveEvent } from '../../../server/events/live-events';
import { makeCouple } from '../../support/fixtures';
import { containsExifMarker, exifHasGps, jpegWithLocation, smallGif, smallPng } from '../../support/test-photos';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

/** Wednesday 4 June 2031, 10:00 in London. */
const NOW = new Date('2031-06-04T09:00:00Z');

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message, fieldErrors: error.fieldErrors };
    throw error;
  }
  throw new Error('expected a refusal');
}

const photoIdOf = (url: string) => url.split('/').pop()!;

describe.each(testDatabaseKinds())('shared experiences (%s)', (kind) => {
  const t = useTestDatabase(kind);
  let stopListening: (() => void) | null = null;
  afterEach(() => stopListening?.());

  async function doneExperience(viewer: Viewer, spaceId: string, title = 'Watch a sunrise together') {
    const experience = await addExperience(t.db, viewer, spaceId, { title });
    await markExperienceDone(t.db, viewer, experience.id);
    return experience;
  }

  it('adds ideas (typed and from a suggestion), edits them, and lists ideas, planned and done', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const typed = await addExperience(t.db, A, space.id, { title: '  Learn to make pasta  ', notes: 'Saturday afternoon', link: 'https://example.com/pasta class' });
    expect(typed).toMatchObject({ title: 'Learn to make pasta', notes: 'Saturday afternoon', link: 'https://example.com/pasta%20class', status: 'idea', createdBy: alex.id });
    const suggestion = EXPERIENCE_SUGGESTIONS[0]!;
    const suggested = await addSuggestedExperience(t.db, S, space.id, suggestion.id);
    expect(suggested).toMatchObject({ title: suggestion.title, notes: suggestion.notes, suggestionId: suggestion.id });
    // A suggestion becomes the couple's own: either can change every word.
    await editExperience(t.db, A, suggested.id, { title: 'Watch the sunrise from the hill', notes: 'Bring the red flask', link: '' });
    const edited = await getExperience(t.db, S, suggested.id);
    expect(edited).toMatchObject({ title: 'Watch the sunrise from the hill', notes: 'Bring the red flask', link: null, addedByName: 'Sam' });

    const lists = await listExperiences(t.db, S);
    expect(lists.ideas.map((e) => e.title).sort()).toEqual(['Learn to make pasta', 'Watch the sunrise from the hill']);
    expect(lists.planned).toEqual([]);
    expect(lists.done).toEqual([]);
    const activity = (await listActivity(t.db, space.id)).filter((a) => a.type.startsWith('experience-'));
    expect(activity.map((a) => [a.type, a.actorName, a.data.title])).toEqual(
      expect.arrayContaining([
        ['experience-added', 'Alex', 'Learn to make pasta'],
        ['experience-added', 'Sam', suggestion.title],
      ]),
    );
    // Notes never reach the activity list.
    expect(JSON.stringify(activity)).not.toContain('Saturday afternoon');
  });

  it('refuses bad ideas with field messages and saves nothing', async () => {
    const { alex, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const before = (await t.db.select().from(experiences).where(eq(experiences.spaceId, space.id))).length;
    const cases: Array<[Record<string, unknown>, string, RegExp]> = [
      [{ title: '   ' }, 'title', /short title/],
      [{ title: 'x'.repeat(121) }, 'title', /under 120/],
      [{ title: 'Fine', notes: 'n'.repeat(2001) }, 'notes', /under 2000/],
      [{ title: 'Fine', link: 'javascript:alert(1)' }, 'link', /Only web links/],
      [{ title: 'Fine', link: 'ftp://example.com/file' }, 'link', /Only web links/],
      [{ title: 'Fine', link: 'not a link' }, 'link', /could not be read/],
      [{ title: 'Fine', link: 'https://user:secret@example.com/' }, 'link', /name or password/],
    ];
    for (const [input, field, message] of cases) {
      const refused = await refusal(addExperience(t.db, A, space.id, input));
      expect(refused.code).toBe('invalid-input');
      expect(refused.fieldErrors?.[field]?.[0]).toMatch(message);
    }
    expect((await refusal(addSuggestedExperience(t.db, A, space.id, 'no-such-suggestion'))).message).toMatch(/suggestion could not be found/);
    expect((await t.db.select().from(experiences).where(eq(experiences.spaceId, space.id))).length).toBe(before);
  });

  it('plans in the person’s own time zone; a time in the past is refused with a clear message', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const idea = await addExperience(t.db, A, space.id, { title: 'Picnic in the new park' });
    const past = await refusal(planExperience(t.db, A, idea.id, { when: '2031-06-04T09:59', timeZone: 'Europe/London' }, NOW));
    expect(past.code).toBe('invalid-input');
    expect(past.fieldErrors?.when).toEqual(['That time has already passed. Choose a day and time in the future.']);
    expect((await refusal(planExperience(t.db, A, idea.id, { when: '2031-02-30T10:00', timeZone: 'Europe/London' }, NOW))).fieldErrors?.when).toEqual(['Choose a day and a time.']);
    expect((await refusal(planExperience(t.db, A, idea.id, { when: '2031-06-12T19:30', timeZone: 'Mars/Olympus' }, NOW))).fieldErrors?.timeZone?.[0]).toMatch(/time zone/);
    expect((await refusal(planExperience(t.db, A, idea.id, { when: '2099-06-12T19:30', timeZone: 'Europe/London' }, NOW))).fieldErrors?.when?.[0]).toMatch(/within the next 5 years/);
    expect((await getExperience(t.db, A, idea.id)).status).toBe('idea');

    // 19:30 in London in June is 18:30 UTC; the same wall-clock time in Tokyo is 10:30 UTC.
    expect((await planExperience(t.db, A, idea.id, { when: '2031-06-12T19:30', timeZone: 'Europe/London' }, NOW)).toISOString()).toBe('2031-06-12T18:30:00.000Z');
    expect((await planExperience(t.db, { userId: sam.id }, idea.id, { when: '2031-06-12T19:30', timeZone: 'Asia/Tokyo' }, NOW)).toISOString()).toBe('2031-06-12T10:30:00.000Z');
    const lists = await listExperiences(t.db, A);
    expect(lists.planned.map((e) => [e.title, e.plannedFor?.toISOString()])).toEqual([['Picnic in the new park', '2031-06-12T10:30:00.000Z']]);
    const planned = (await listActivity(t.db, space.id)).filter((a) => a.type === 'experience-planned');
    expect(planned.map((a) => a.actorName)).toEqual(['Sam', 'Alex']);

    await markExperienceDone(t.db, A, idea.id, new Date('2031-06-12T20:00:00Z'));
    expect((await refusal(markExperienceDone(t.db, { userId: sam.id }, idea.id))).message).toBe('This experience is already marked done.');
    expect((await refusal(planExperience(t.db, A, idea.id, { when: '2031-07-01T10:00', timeZone: 'Europe/London' }, NOW))).code).toBe('conflict');
    expect((await listExperiences(t.db, A)).done.map((e) => e.title)).toEqual(['Picnic in the new park']);
  });

  it('each partner adds a memory with a photo; the stored bytes carry no EXIF or GPS; the memories view puts both side by side, newest first', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const first = await addExperience(t.db, A, space.id, { title: 'Bake bread from scratch' });
    await markExperienceDone(t.db, A, first.id, new Date('2031-06-01T18:00:00Z'));
    const second = await addExperience(t.db, S, space.id, { title: 'Swim in the lake' });
    await markExperienceDone(t.db, S, second.id, new Date('2031-06-03T18:00:00Z'));
    const notDone = await addExperience(t.db, S, space.id, { title: 'Go stargazing' });
    expect((await refusal(saveMemory(t.db, A, notDone.id, { text: 'Too early' }))).message).toMatch(/once an experience is marked done/);

    const phoneJpeg = await jpegWithLocation();
    const original = await sharp(phoneJpeg).metadata();
    expect(exifHasGps(original.exif)).toBe(true);
    expect(containsExifMarker(phoneJpeg)).toBe(true);

    await saveMemory(t.db, A, second.id, { text: 'The water was so cold and we laughed the whole way in.', photo: phoneJpeg });
    await saveMemory(t.db, S, second.id, { text: 'Alex swam further than me.', photo: await smallPng() });
    await saveMemory(t.db, S, first.id, { text: 'The loaf was flat but we ate all of it.' });

    const stored = await t.db.select().from(photos).where(eq(photos.spaceId, space.id));
    expect(stored).toHaveLength(2);
    for (const photo of stored) {
      const bytes = Buffer.from(photo.bytes);
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe('webp');
      expect(photo.mimeType).toBe('image/webp');
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(meta.iptc).toBeUndefined();
      expect(meta.icc).toBeUndefined();
      expect(containsExifMarker(bytes)).toBe(false);
      expect(bytes.includes(Buffer.from('PhoneCo'))).toBe(false);
      expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(2048);
      expect([meta.width, meta.height]).toEqual([photo.width, photo.height]);
    }
    const alexPhoto = stored.find((p) => p.ownerId === alex.id)!;
    expect([alexPhoto.width, alexPhoto.height]).toEqual([2048, 1365]);

    const { entries } = await listMemories(t.db, S);
    expect(entries.map((e) => e.title)).toEqual(['Swim in the lake', 'Bake bread from scratch']);
    const [swim, bread] = entries;
    expect(swim!.mine).toMatchObject({ authorName: 'Sam', text: 'Alex swam further than me.' });
    expect(swim!.partner).toMatchObject({ authorName: 'Alex', text: 'The water was so cold and we laughed the whole way in.', photo: { width: 2048, height: 1365 } });
    expect(bread!.mine?.photo).toBeNull();
    expect(bread!.partner).toBeNull();
    // Alex sees the same pair, from the other side.
    const alexView = await getExperience(t.db, A, second.id);
    expect(alexView.mine?.authorName).toBe('Alex');
    expect(alexView.partner?.authorName).toBe('Sam');

    // Changing the memory with a new photo replaces the old one for good.
    const oldPhotoId = photoIdOf(alexView.mine!.photo!.url);
    await saveMemory(t.db, A, second.id, { text: 'Still cold, still laughing.', photo: await smallPng() });
    expect(await t.db.select().from(photos).where(eq(photos.id, oldPhotoId))).toEqual([]);
    expect((await serveMemoryPhoto(t.db, S, oldPhotoId)).status).toBe(404);
    const activity = (await listActivity(t.db, space.id)).filter((a) => a.type === 'experience-memory-added');
    // Added three times, changed once: the change is not a new item.
    expect(activity).toHaveLength(3);
    expect(JSON.stringify(activity)).not.toContain('laughed');
  });

  it('refuses what is not a JPEG, PNG or WebP photo, or is over 5 MB, with a clear message, and saves nothing', async () => {
    const { alex, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const experience = await doneExperience(A, space.id);
    await saveMemory(t.db, A, experience.id, { text: 'Words before any photo.' });
    const sixMegabytes = Buffer.alloc(6 * 1024 * 1024, 7);
    const bigButRealJpeg = Buffer.concat([await jpegWithLocation(200, 200), Buffer.alloc(5 * 1024 * 1024)]);
    const textRenamed = Buffer.from('These are the words of a text file that someone named holiday.jpg.\n'.repeat(20));
    const wholeJpeg = await jpegWithLocation(1200, 900);
    const truncatedJpeg = wholeJpeg.subarray(0, Math.floor(wholeJpeg.length * 0.6));
    const cases: Array<[Buffer, string]> = [
      [sixMegabytes, PHOTO_MESSAGES.tooBig],
      [bigButRealJpeg, PHOTO_MESSAGES.tooBig],
      [textRenamed, PHOTO_MESSAGES.notAnImage],
      [Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), PHOTO_MESSAGES.notAnImage],
      [truncatedJpeg, PHOTO_MESSAGES.notAnImage],
      [await smallGif(), PHOTO_MESSAGES.wrongFormat('gif')],
      [Buffer.alloc(0), PHOTO_MESSAGES.empty],
    ];
    for (const [photo, message] of cases) {
      const refused = await refusal(saveMemory(t.db, A, experience.id, { text: 'This text must not be saved either.', photo }));
      expect(refused.code).toBe('invalid-input');
      expect(refused.message).toBe(message);
      expect(refused.fieldErrors?.photo).toEqual([message]);
    }
    expect(await t.db.select().from(photos).where(eq(photos.spaceId, space.id))).toEqual([]);
    const [memory] = await t.db.select().from(experienceMemories).where(eq(experienceMemories.experienceId, experience.id));
    expect(memory).toMatchObject({ text: 'Words before any photo.', photoId: null });
    expect((await refusal(saveMemory(t.db, A, experience.id, { text: 'm'.repeat(2001) }))).fieldErrors?.text?.[0]).toMatch(/under 2000/);
  });

  it('the photo as a client receives it: both members 200 with private no-store; stranger 404; signed out 401; the partner who left 404; the one who stayed still sees it', async () => {
    const { alex, sam, stranger, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const experience = await doneExperience(A, space.id);
    await saveMemory(t.db, S, experience.id, { text: 'Sunrise.', photo: await jpegWithLocation(800, 600) });
    const photoId = photoIdOf((await getExperience(t.db, A, experience.id)).partner!.photo!.url);
    const [stored] = await t.db.select().from(photos).where(eq(photos.id, photoId));

    for (const member of [A, S]) {
      const response = await serveMemoryPhoto(t.db, member, photoId);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('cache-control')).toBe('private, no-store');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const body = Buffer.from(await response.arrayBuffer());
      expect(body.equals(Buffer.from(stored!.bytes))).toBe(true);
      expect(containsExifMarker(body)).toBe(false);
    }
    const strangerResponse = await serveMemoryPhoto(t.db, { userId: stranger.id }, photoId);
    expect(strangerResponse.status).toBe(404);
    expect(strangerResponse.headers.get('cache-control')).toBe('private, no-store');
    expect(await strangerResponse.json()).toEqual({ error: { message: 'That photo could not be found.' } });
    expect((await serveMemoryPhoto(t.db, null, photoId)).status).toBe(401);
    expect((await serveMemoryPhoto(t.db, A, 'not-a-uuid')).status).toBe(404);
    expect((await serveMemoryPhoto(t.db, A, '00000000-0000-4000-8000-000000000000')).status).toBe(404);

    // Sam leaves: the space closes. Sam's photo stays with Alex (read only); Sam can no longer fetch it.
    await leaveSpace(t.db, S, space.id);
    expect((await serveMemoryPhoto(t.db, S, photoId)).status).toBe(404);
    expect((await serveMemoryPhoto(t.db, A, photoId)).status).toBe(200);
    expect((await getExperience(t.db, A, experience.id)).partner?.text).toBe('Sunrise.');
    expect((await refusal(getExperience(t.db, S, experience.id))).code).toBe('not-found');
  });

  it('a closed space is read only: nothing can be added, planned, done, edited, removed or remembered', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const idea = await addExperience(t.db, A, space.id, { title: 'Ride bikes by the river' });
    const done = await doneExperience(A, space.id, 'Cook a childhood meal');
    await saveMemory(t.db, A, done.id, { text: 'My grandmother’s soup.', photo: await smallPng() });
    await leaveSpace(t.db, S, space.id);

    const png = await smallPng();
    const attempts: Array<() => Promise<unknown>> = [
      () => addExperience(t.db, A, space.id, { title: 'Something new' }),
      () => addSuggestedExperience(t.db, A, space.id, EXPERIENCE_SUGGESTIONS[1]!.id),
      () => editExperience(t.db, A, idea.id, { title: 'Changed' }),
      () => planExperience(t.db, A, idea.id, { when: '2031-07-01T10:00', timeZone: 'Europe/London' }, NOW),
      () => markExperienceDone(t.db, A, idea.id),
      () => deleteExperience(t.db, A, idea.id),
      () => saveMemory(t.db, A, done.id, { text: 'Changed memory' }),
      () => saveMemory(t.db, A, done.id, { text: 'x', photo: png }),
      () => removeMemoryPhoto(t.db, A, done.id),
      () => deleteMemory(t.db, A, done.id),
    ];
    for (const attempt of attempts) {
      const refused = await refusal(attempt());
      expect(refused.code).toBe('conflict');
      expect(refused.message).toBe(CLOSED_SPACE_MESSAGE);
    }
    // Reading still works for the one who stayed.
    const lists = await listExperiences(t.db, A);
    expect(lists.membership.closed).toBe(true);
    expect(lists.ideas.map((e) => e.title)).toEqual(['Ride bikes by the river']);
    expect((await listMemories(t.db, A)).entries[0]?.mine?.text).toBe('My grandmother’s soup.');
    expect((await getExperience(t.db, A, done.id)).readOnly).toBe(true);
    expect(await t.db.select().from(photos).where(eq(photos.spaceId, space.id))).toHaveLength(1);
  });

  it('removing a photo or a memory deletes the photo for good; an experience with memories cannot be deleted', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const experience = await doneExperience(A, space.id);
    await saveMemory(t.db, A, experience.id, { text: 'Pink sky.', photo: await smallPng() });
    await saveMemory(t.db, S, experience.id, { text: '', photo: await smallPng() });
    const view = await getExperience(t.db, A, experience.id);
    const alexPhoto = photoIdOf(view.mine!.photo!.url);
    const samPhoto = photoIdOf(view.partner!.photo!.url);

    expect((await refusal(deleteExperience(t.db, S, experience.id))).message).toMatch(/has memories/);
    await removeMemoryPhoto(t.db, A, experience.id);
    expect(await t.db.select().from(photos).where(eq(photos.id, alexPhoto))).toEqual([]);
    expect((await serveMemoryPhoto(t.db, S, alexPhoto)).status).toBe(404);
    expect((await getExperience(t.db, S, experience.id)).partner).toMatchObject({ text: 'Pink sky.', photo: null });
    expect((await refusal(removeMemoryPhoto(t.db, A, experience.id))).message).toBe('Your memory has no photo to remove.');

    // Sam's memory was only a photo: without it nothing is left, so the memory goes too.
    await removeMemoryPhoto(t.db, S, experience.id);
    expect((await getExperience(t.db, A, experience.id)).partner).toBeNull();
    expect(await t.db.select().from(photos).where(eq(photos.id, samPhoto))).toEqual([]);

    await saveMemory(t.db, S, experience.id, { text: 'Again', photo: await smallPng() });
    const again = photoIdOf((await getExperience(t.db, S, experience.id)).mine!.photo!.url);
    await deleteMemory(t.db, S, experience.id);
    expect(await t.db.select().from(photos).where(eq(photos.id, again))).toEqual([]);
    await deleteMemory(t.db, A, experience.id);
    // With no memories left, the experience itself can go.
    await deleteExperience(t.db, S, experience.id);
    expect(await t.db.select().from(experiences).where(eq(experiences.id, experience.id))).toEqual([]);
    expect((await listActivity(t.db, space.id)).find((a) => a.type === 'experience-removed')?.data).toEqual({ title: 'Watch a sunrise together' });
  });

  it('deleting an account deletes every photo that person uploaded; their words stay with the partner', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const S = { userId: sam.id };
    const one = await doneExperience(A, space.id, 'One');
    const two = await doneExperience(A, space.id, 'Two');
    await saveMemory(t.db, S, one.id, { text: 'Sam remembers one.', photo: await smallPng() });
    await saveMemory(t.db, S, two.id, { text: '', photo: await smallPng() });
    await saveMemory(t.db, A, one.id, { text: 'Alex remembers one.', photo: await smallPng() });
    await deleteAccount(t.db, sam.id, 'correct horse battery');
    expect((await t.db.select().from(photos).where(eq(photos.spaceId, space.id))).map((p) => p.ownerId)).toEqual([alex.id]);
    expect(await t.db.transaction((tx) => deletePhotosOfPerson(tx, sam.id))).toBe(0);
    const view = await getExperience(t.db, A, one.id);
    expect(view.partner).toMatchObject({ text: 'Sam remembers one.', photo: null });
    expect(view.mine?.photo).not.toBeNull();
    expect((await getExperience(t.db, A, two.id)).partner).toBeNull();
  });

  it('live events go to the space after the change is committed, and carry no notes or memory words', async () => {
    const { alex, sam, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const seen: Array<{ event: LiveEvent; rowExists: Promise<boolean> }> = [];
    stopListening = onLiveEvent((event) => {
      if (event.event !== EXPERIENCE_CHANGED_EVENT) return;
      const id = String(event.payload.experienceId);
      // Read from outside any transaction: if the event came before the commit, the row is not there yet.
      seen.push({ event, rowExists: t.db.select({ id: experiences.id }).from(experiences).where(eq(experiences.id, id)).then((rows) => rows.length === 1) });
    });
    const experience = await addExperience(t.db, A, space.id, { title: 'Tasting evening', notes: 'secret-notes-text' });
    await planExperience(t.db, { userId: sam.id }, experience.id, { when: '2031-06-10T19:00', timeZone: 'Europe/London' }, NOW);
    await markExperienceDone(t.db, A, experience.id);
    await saveMemory(t.db, A, experience.id, { text: 'secret-memory-words', photo: await smallPng() });
    expect(seen.map(({ event }) => [event.audience, event.spaceId, event.payload.change, event.payload.actorName])).toEqual([
      ['space', space.id, 'added', 'Alex'],
      ['space', space.id, 'planned', 'Sam'],
      ['space', space.id, 'done', 'Alex'],
      ['space', space.id, 'memory-saved', 'Alex'],
    ]);
    for (const { rowExists } of seen) expect(await rowExists).toBe(true);
    const wire = JSON.stringify(seen.map(({ event }) => event));
    expect(wire).not.toContain('secret-notes-text');
    expect(wire).not.toContain('secret-memory-words');
    // A refused change publishes nothing.
    const before = seen.length;
    await refusal(planExperience(t.db, A, experience.id, { when: '2031-06-01T10:00', timeZone: 'Europe/London' }, NOW));
    expect(seen.length).toBe(before);
  });

  it('access matrix: signed out → sign in; a stranger → not found for every action and read', async () => {
    const { alex, stranger, space } = await makeCouple(t.db);
    const A = { userId: alex.id };
    const experience = await doneExperience(A, space.id);
    await saveMemory(t.db, A, experience.id, { text: 'Ours.', photo: await smallPng() });
    const photoId = photoIdOf((await getExperience(t.db, A, experience.id)).mine!.photo!.url);
    const actions = (viewer: Viewer): Array<[string, () => Promise<unknown>]> => [
      ['get', () => getExperience(t.db, viewer, experience.id)],
      ['add', () => addExperience(t.db, viewer, space.id, { title: 'Intrusion' })],
      ['add suggestion', () => addSuggestedExperience(t.db, viewer, space.id, EXPERIENCE_SUGGESTIONS[0]!.id)],
      ['edit', () => editExperience(t.db, viewer, experience.id, { title: 'Intrusion' })],
      ['plan', () => planExperience(t.db, viewer, experience.id, { when: '2031-07-01T10:00', timeZone: 'Europe/London' }, NOW)],
      ['done', () => markExperienceDone(t.db, viewer, experience.id)],
      ['delete', () => deleteExperience(t.db, viewer, experience.id)],
      ['memory', () => saveMemory(t.db, viewer, experience.id, { text: 'Intrusion' })],
      ['remove photo', () => removeMemoryPhoto(t.db, viewer, experience.id)],
      ['delete memory', () => deleteMemory(t.db, viewer, experience.id)],
    ];
    for (const [name, run] of actions(null)) expect([name, (await refusal(run())).code]).toEqual([name, 'unauthenticated']);
    for (const [name, run] of actions({ userId: stranger.id })) expect([name, (await refusal(run())).code]).toEqual([name, 'not-found']);
    // The stranger's own lists never include this space's experiences.
    expect((await listExperiences(t.db, { userId: stranger.id })).ideas).toEqual([]);
    expect((await listMemories(t.db, { userId: stranger.id })).entries).toEqual([]);
    expect((await serveMemoryPhoto(t.db, { userId: stranger.id }, photoId)).status).toBe(404);
    // Nothing changed.
    expect((await getExperience(t.db, A, experience.id))).toMatchObject({ title: 'Watch a sunrise together', status: 'done', mine: { text: 'Ours.' } });
  });
});
