/** The live notices' words: who and what kind of thing, a link to it, never its content. */
import { describe, expect, it } from 'vitest';
import { describeNotice } from '../../../app/(space)/live-notices';
import type { ActivityAddedPayload } from '../../../server/domain/activity/activity-notifications';

const base = { activityId: 'a1', actorId: 'u1', actorName: 'Sam', createdAt: '2031-06-04T09:00:00.000Z' };
const item = (type: string, data: Record<string, unknown> = {}): ActivityAddedPayload => ({ ...base, type, data });

describe('describeNotice', () => {
  it('speaks of a shared note, a proposed version, an offered amend and a check-in that can be seen, with a link', () => {
    expect(describeNotice(item('note-shared'))).toMatchObject({ text: 'Sam shared a note with you.', linkText: 'Read it', href: '/notes' });
    expect(describeNotice(item('version-proposed', { documentId: 'd1', title: 'SECRET TITLE', number: 3 }))).toMatchObject({
      text: 'Sam proposed a version of an agreement.',
      href: '/agreements/d1/versions',
    });
    expect(describeNotice(item('amend-offered'))).toMatchObject({ text: 'Sam offered you an amend.', href: '/amends' });
    expect(describeNotice(item('commitment-checked-in', { commitmentId: 'c1', text: 'I WILL SOMETHING', both: true }))).toMatchObject({ href: '/commitments/c1' });
  });

  it('never carries the content: titles and words stay out of the line', () => {
    for (const notice of [
      describeNotice(item('version-proposed', { documentId: 'd1', title: 'SECRET TITLE', number: 3 })),
      describeNotice(item('commitment-checked-in', { commitmentId: 'c1', text: 'I WILL SOMETHING', both: false })),
    ]) {
      expect(JSON.stringify(notice)).not.toMatch(/SECRET|SOMETHING/);
    }
  });

  it('makes no notice for other steps (conversations have their own), and builds safe links from odd ids', () => {
    for (const type of ['conversation-proposed', 'note-acknowledged', 'agreement-renamed', 'member-joined', 'unknown']) expect(describeNotice(item(type))).toBeNull();
    expect(describeNotice(item('version-proposed', { documentId: '../../evil?x=1' }))?.href).toBe('/agreements/..%2F..%2Fevil%3Fx%3D1/versions');
    expect(describeNotice(item('version-proposed', { documentId: 42 }))?.href).toBe('/agreements');
  });

  it('names the partner as such when the name is missing', () => {
    expect(describeNotice({ ...item('note-shared'), actorName: null })?.text).toBe('Your partner shared a note with you.');
  });
});
