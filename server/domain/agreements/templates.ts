/**
 * Starter templates for agreements: a calm first draft that both partners then change together.
 * Each is ProseMirror JSON in the schema of the shared editor (documentExtensions), so that what the
 * server seeds is exactly what the editor can show and edit. They speak as "we", describe behaviour
 * rather than blame, and leave every commitment as an unticked item to talk through.
 */
import type { JSONContent } from '@tiptap/core';
import * as Y from 'yjs';
import { prosemirrorJSONToYDoc } from '@tiptap/y-tiptap';
import { COLLABORATION_FIELD, documentSchema } from '../../documents/editor-schema';

export interface AgreementTemplate {
  id: AgreementTemplateId;
  title: string;
  /** One sentence shown in the template picker. */
  summary: string;
  content: JSONContent;
}

export const agreementTemplateIds = ['phone-and-privacy', 'third-person-contact', 'when-we-are-upset', 'time-and-space'] as const;
export type AgreementTemplateId = (typeof agreementTemplateIds)[number];

const text = (value: string): JSONContent => ({ type: 'text', text: value });
const heading = (value: string, level: 2 | 3 = 2): JSONContent => ({ type: 'heading', attrs: { level }, content: [text(value)] });
const paragraph = (value: string): JSONContent => ({ type: 'paragraph', content: [text(value)] });
const checklist = (items: string[]): JSONContent => ({
  type: 'taskList',
  content: items.map((item) => ({ type: 'taskItem', attrs: { checked: false }, content: [paragraph(item)] })),
});
const bullets = (items: string[]): JSONContent => ({
  type: 'bulletList',
  content: items.map((item) => ({ type: 'listItem', content: [paragraph(item)] })),
});
const doc = (...content: JSONContent[]): JSONContent => ({ type: 'doc', content });

const REVIEW_NOTE = 'Either of us can ask to revisit this agreement at any time. Changing it is something we do together, calmly, not in the middle of an argument.';

export const agreementTemplates: readonly AgreementTemplate[] = [
  {
    id: 'phone-and-privacy',
    title: 'Phone and privacy',
    summary: 'How open we are with phones, messages and accounts, and where each of us keeps some privacy.',
    content: doc(
      heading('Why we are making this agreement'),
      paragraph('Phones can become a place where doubt grows. We want openness that rebuilds trust, without either of us feeling watched or controlled.'),
      heading('What we will do'),
      checklist([
        'We tell each other about new accounts, apps or numbers we start using to talk with people.',
        'If one of us asks to see a message that worries them, the other shows it without deleting anything first.',
        'We do not read each other’s phone without asking.',
        'We keep phones face up and out of the bedroom at night, unless we agree otherwise for a day.',
      ]),
      heading('Privacy we both keep'),
      paragraph('Openness is not the same as having no private life. Some things stay our own:'),
      bullets(['Conversations with a therapist or doctor.', 'A private journal.', 'Talking with a close friend about how we are feeling.']),
      heading('If this feels hard'),
      paragraph('If checking or being checked starts to feel like a habit rather than a need, we say so gently and talk about what would help instead.'),
      heading('When we will look at this again'),
      paragraph(REVIEW_NOTE),
    ),
  },
  {
    id: 'third-person-contact',
    title: 'Contact with a third person',
    summary: 'What contact, if any, continues with the person involved, and how we keep each other informed.',
    content: doc(
      heading('Why we are making this agreement'),
      paragraph('Contact with the person who was involved can reopen the hurt without warning. Agreeing on it in advance means neither of us has to guess.'),
      heading('What we will do'),
      checklist([
        'There is no contact that is not needed for work, family or safety.',
        'If contact happens, by chance or by necessity, the person who had it tells the other the same day.',
        'We answer questions about that contact honestly, even when the answer is uncomfortable.',
        'We do not keep messages, photos or gifts from that relationship in secret.',
      ]),
      heading('When contact cannot be avoided'),
      paragraph('Write here where contact is unavoidable (a shared workplace, children, a friend group) and what keeps it limited:'),
      bullets(['Where it happens:', 'What it is limited to:', 'How we let each other know:']),
      heading('If it happens anyway'),
      paragraph('Telling each other is what matters most. The person who hears it takes the time they need before responding, and either of us may call a pause.'),
      heading('When we will look at this again'),
      paragraph(REVIEW_NOTE),
    ),
  },
  {
    id: 'when-we-are-upset',
    title: 'How we talk when upset',
    summary: 'What we do when a conversation gets heated: pausing, coming back, and speaking about ourselves.',
    content: doc(
      heading('Why we are making this agreement'),
      paragraph('Hard conversations are part of repair. When one of us is flooded, neither of us can really listen, so we agree how to slow down and come back.'),
      heading('While we talk'),
      checklist([
        'We speak about our own experience: “I felt…”, “I need…”, rather than “You always…”.',
        'The one listening repeats back what they heard before replying.',
        'We keep to one topic at a time.',
        'No name-calling, no threats to leave, and no bringing up old hurts to win a point.',
      ]),
      heading('Taking a pause'),
      checklist([
        'Either of us can call a pause at any moment, without having to give a reason.',
        'A pause lasts at least 20 minutes, so both of our bodies can settle.',
        'Before we step away, we agree a time to come back, within 24 hours.',
        'During the pause we do something calming, not rehearsing the argument.',
      ]),
      heading('Coming back'),
      paragraph('We start again when both of us say we are ready. It is fine to begin with what we heard from the other, before what we want to say.'),
      heading('When we will look at this again'),
      paragraph(REVIEW_NOTE),
    ),
  },
  {
    id: 'time-and-space',
    title: 'Time and space',
    summary: 'Time apart when one of us needs it, and time together that we protect.',
    content: doc(
      heading('Why we are making this agreement'),
      paragraph('Healing does not happen on a schedule. Each of us may need space at times, and we also want time together that is not about the hurt.'),
      heading('Asking for space'),
      checklist([
        'Either of us can ask for time alone, and say roughly how long: an evening, a day, a weekend.',
        'The one asking says when they will be back in touch, so the other is not left wondering.',
        'Asking for space is not a punishment, and we do not treat it as one.',
      ]),
      heading('Time together'),
      checklist([
        'We keep one evening a week for something we both enjoy, with the difficult topics set aside.',
        'We check in briefly each day, even when we are apart.',
      ]),
      heading('Pace'),
      paragraph('Neither of us sets deadlines for forgiveness or for feeling better. We name what we need, and we try to say it kindly.'),
      heading('When we will look at this again'),
      paragraph(REVIEW_NOTE),
    ),
  },
];

export function findAgreementTemplate(id: AgreementTemplateId): AgreementTemplate {
  const template = agreementTemplates.find((candidate) => candidate.id === id);
  if (!template) throw new Error(`Unknown agreement template: ${id}`);
  return template;
}

/**
 * The template as one Yjs update, ready to be the first row of a new document's update log. It is
 * built against the editor's own schema (check() throws if the template does not fit it), so the
 * editor opens it as written.
 */
export function agreementTemplateUpdate(id: AgreementTemplateId): Uint8Array {
  const schema = documentSchema();
  const template = findAgreementTemplate(id);
  schema.nodeFromJSON(template.content).check();
  const ydoc = prosemirrorJSONToYDoc(schema, template.content, COLLABORATION_FIELD);
  try {
    return Y.encodeStateAsUpdate(ydoc);
  } finally {
    ydoc.destroy();
  }
}
