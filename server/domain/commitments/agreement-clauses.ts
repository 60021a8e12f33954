/**
 * The clauses of an agreement a commitment can keep: its top-level blocks (a paragraph, a heading, a
 * whole list), each known by the Yjs id `{client, clock}` of its element. That id never changes while
 * people edit the text inside the block, so a commitment can tell "this clause changed since" from
 * "this clause was removed" (the element is gone, or was replaced, as turning a paragraph into a
 * heading does).
 */
import * as Y from 'yjs';
import { AGREEMENT_FRAGMENT, blockText, readBlocks, type ItemClassifier } from '../history/document-blocks';

export interface AgreementClause {
  client: number;
  clock: number;
  /** What the clause says now, one line per block inside it (a list's items, for example). */
  text: string;
}

function topLevelItems(doc: Y.Doc): Y.Item[] {
  const items: Y.Item[] = [];
  let item = doc.getXmlFragment(AGREEMENT_FRAGMENT)._start;
  while (item) {
    if (!item.deleted && item.content instanceof Y.ContentType && item.content.type instanceof Y.XmlElement) items.push(item);
    item = item.right;
  }
  return items;
}

/** The text of one top-level block, read the same way as history and export read the whole document. */
function clauseText(doc: Y.Doc, target: Y.Item): string {
  const fragment = doc.getXmlFragment(AGREEMENT_FRAGMENT);
  const onlyTarget: ItemClassifier = {
    element: (item) => (item.deleted || (item.parent === fragment && item !== target) ? null : 'same'),
    text: (item) => (item.deleted ? [] : [{ offset: 0, length: item.length, status: 'same' }]),
  };
  return readBlocks(doc, onlyTarget)
    .map(blockText)
    .map((line) => line.trim())
    .filter(Boolean)
    .join('\n');
}

/** Every top-level block that has text, in document order. */
export function listAgreementClauses(doc: Y.Doc): AgreementClause[] {
  return topLevelItems(doc)
    .map((item) => ({ client: item.id.client, clock: item.id.clock, text: clauseText(doc, item) }))
    .filter((clause) => clause.text !== '');
}

/** The clause with this id as it reads now, or null when it is no longer in the agreement. */
export function findAgreementClause(doc: Y.Doc, reference: { client: number; clock: number }): AgreementClause | null {
  const item = topLevelItems(doc).find((candidate) => candidate.id.client === reference.client && candidate.id.clock === reference.clock);
  return item ? { client: item.id.client, clock: item.id.clock, text: clauseText(doc, item) } : null;
}
