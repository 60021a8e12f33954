/**
 * Where each version of an agreement stands, decided from its rows and the agreement's current
 * text alone (a pure function, so the page, the actions and the tests agree).
 */

export type VersionState =
  /** Waiting for signatures, and the agreement still says exactly this. */
  | 'open'
  /** Waiting for signatures, but the agreement has changed since: it can no longer be signed. */
  | 'stale'
  | 'changes-requested'
  /** A later version was proposed before this one was signed by both. */
  | 'superseded'
  | 'in-effect'
  /** Signed by both, then replaced by a later version signed by both. */
  | 'replaced';

export interface VersionFacts {
  number: number;
  content: string;
  signerIds: string[];
  signedAt: Date[];
  changesRequested: boolean;
}

/** Both partners: a version is in effect once two different people have signed it. */
export const SIGNATURES_FOR_EFFECT = 2;

export function isFullySigned(version: Pick<VersionFacts, 'signerIds'>): boolean {
  return new Set(version.signerIds).size >= SIGNATURES_FOR_EFFECT;
}

/** When the second signature made it binding. */
export function inEffectSince(version: Pick<VersionFacts, 'signedAt'>): Date | null {
  const times = [...version.signedAt].sort((a, b) => a.getTime() - b.getTime());
  return times[SIGNATURES_FOR_EFFECT - 1] ?? null;
}

/** `versions` in any order; returns the state of each version number. */
export function decideVersionStates(versions: readonly VersionFacts[], currentContent: string): Map<number, VersionState> {
  const ordered = [...versions].sort((a, b) => a.number - b.number);
  const latestNumber = ordered.at(-1)?.number ?? 0;
  const inEffect = [...ordered].reverse().find(isFullySigned)?.number ?? null;
  const states = new Map<number, VersionState>();
  for (const version of ordered) {
    let state: VersionState;
    if (isFullySigned(version)) state = version.number === inEffect ? 'in-effect' : 'replaced';
    else if (version.changesRequested) state = 'changes-requested';
    else if (version.number !== latestNumber) state = 'superseded';
    else state = version.content === currentContent ? 'open' : 'stale';
    states.set(version.number, state);
  }
  return states;
}
