import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkClientOwnership, type ClientOwners } from '../../../server/documents/client-bindings';

/** A client doc with a fixed client id, and every update it makes. */
function writer(clientId: number, from?: Y.Doc) {
  const doc = new Y.Doc();
  if (from) Y.applyUpdate(doc, Y.encodeStateAsUpdate(from));
  doc.clientID = clientId;
  return doc;
}

function edit(doc: Y.Doc, change: (text: Y.Text) => void): Uint8Array {
  const before = Y.encodeStateVector(doc);
  change(doc.getText('body'));
  return Y.encodeStateAsUpdate(doc, before);
}

const structsOf = (update: Uint8Array) => Y.decodeUpdate(update).structs;

describe('checkClientOwnership', () => {
  const alexClient = 11;
  const samClient = 22;

  function serverWithAlexText() {
    const server = new Y.Doc();
    const alex = writer(alexClient);
    Y.applyUpdate(server, edit(alex, (text) => text.insert(0, 'Alex wrote this.')));
    const owners: ClientOwners = new Map([[alexClient, 'alex']]);
    return { server, alex, owners };
  }

  it('lists client ids used for the first time, and accepts the owner’s own', () => {
    const { server, alex, owners } = serverWithAlexText();
    expect(checkClientOwnership(structsOf(edit(alex, (text) => text.insert(0, 'More. '))), server, owners, 'alex')).toEqual({ ok: true, unbound: [] });
    const sam = writer(samClient, server);
    expect(checkClientOwnership(structsOf(edit(sam, (text) => text.insert(0, 'Sam. '))), server, owners, 'sam')).toEqual({ ok: true, unbound: [samClient] });
  });

  it('refuses new content under a client id that belongs to someone else, or to Mend itself', () => {
    const { server, owners } = serverWithAlexText();
    const forger = writer(alexClient, server);
    const forged = edit(forger, (text) => text.insert(0, 'FORGED '));
    expect(checkClientOwnership(structsOf(forged), server, owners, 'sam')).toEqual({ ok: false, clientId: alexClient, ownerId: 'alex' });
    owners.set(99, null);
    const asMend = edit(writer(99, server), (text) => text.insert(0, 'x'));
    expect(checkClientOwnership(structsOf(asMend), server, owners, 'sam')).toMatchObject({ ok: false, clientId: 99, ownerId: null });
  });

  it('accepts the partner’s content the server already has (a resend), but not new content appended to it', () => {
    const { server, alex, owners } = serverWithAlexText();
    const sam = writer(samClient, server);
    sam.getText('body').insert(0, 'Sam. ');
    // The whole state: Alex's items (known to the server) and Sam's new ones.
    expect(checkClientOwnership(structsOf(Y.encodeStateAsUpdate(sam)), server, owners, 'sam')).toEqual({ ok: true, unbound: [samClient] });
    // Alex's text, resent together with something new under Alex's id.
    const more = writer(alexClient, alex);
    more.getText('body').insert(0, 'FORGED ');
    expect(checkClientOwnership(structsOf(Y.encodeStateAsUpdate(more)), server, owners, 'sam')).toMatchObject({ ok: false, clientId: alexClient });
  });

  it('lets anyone delete the partner’s text: a deletion inserts nothing', () => {
    const { server, owners } = serverWithAlexText();
    const sam = writer(samClient, server);
    const deletion = edit(sam, (text) => text.delete(0, 5));
    expect(checkClientOwnership(structsOf(deletion), server, owners, 'sam')).toEqual({ ok: true, unbound: [] });
  });
});
