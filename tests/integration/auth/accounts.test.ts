import { describe, expect, it } from 'vitest';
import { clearSignInFailures, recordSignInFailure, signInWaitMs } from '../../../server/auth/sign-in-throttle';
import { registerUser } from '../../../server/domain/accounts/register-user';
import { verifyCredentials } from '../../../server/domain/accounts/verify-credentials';
import { testDatabaseKinds, useTestDatabase } from '../../support/use-test-database';

describe.each(testDatabaseKinds())('accounts on %s', (kind) => {
  const t = useTestDatabase(kind);

  it('normalises emails, keeps them unique and stores only an argon2id hash', async () => {
    const user = await registerUser(t.db, { name: ' Alex ', email: '  Alex@Example.COM ', password: 'correct horse battery' });
    expect(user).toMatchObject({ name: 'Alex', email: 'alex@example.com' });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain('correct horse');
    await expect(registerUser(t.db, { name: 'Other', email: 'ALEX@example.com', password: 'another password' })).rejects.toMatchObject({
      code: 'conflict',
      fieldErrors: { email: ['An account with this email already exists.'] },
    });
  });

  it('verifies credentials without telling which part was wrong', async () => {
    await registerUser(t.db, { name: 'Sam', email: 'sam@example.com', password: 'correct horse battery' });
    expect((await verifyCredentials(t.db, 'SAM@example.com', 'correct horse battery'))?.email).toBe('sam@example.com');
    expect(await verifyCredentials(t.db, 'sam@example.com', 'wrong password')).toBeNull();
    expect(await verifyCredentials(t.db, 'nobody@example.com', 'correct horse battery')).toBeNull();
  });

  it('slows down repeated failures per email and per address, and a success clears the email', async () => {
    const now = new Date();
    for (let i = 0; i < 5; i++) await recordSignInFailure(t.db, 'robin@example.com', '10.0.0.1', now);
    expect(await signInWaitMs(t.db, 'robin@example.com', '10.0.0.1', now)).toBe(0);
    await recordSignInFailure(t.db, 'robin@example.com', '10.0.0.1', now);
    expect(await signInWaitMs(t.db, 'robin@example.com', '10.0.0.2', now)).toBe(60_000);
    expect(await signInWaitMs(t.db, 'someone@example.com', '10.0.0.1', now)).toBe(0);
    await clearSignInFailures(t.db, 'robin@example.com');
    expect(await signInWaitMs(t.db, 'robin@example.com', '10.0.0.1', now)).toBe(0);
    // An address guessing across many accounts is slowed down too.
    for (let i = 0; i < 21; i++) await recordSignInFailure(t.db, `guess${i}@example.com`, '10.9.9.9', now);
    expect(await signInWaitMs(t.db, 'fresh@example.com', '10.9.9.9', now)).toBeGreaterThan(0);
  });
});
