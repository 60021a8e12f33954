/**
 * Password hashing with argon2id. Parameters are OWASP's recommended minimum (19 MiB, 2 passes):
 * about 30 ms a hash on these machines, slow enough to make guessing costly, fast enough that a
 * sign-in does not drag.
 */
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of a random password: verified against when the email is unknown, so timing does not tell whether an account exists. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('mend-dummy-password-for-constant-time');
  return dummyHash;
}
