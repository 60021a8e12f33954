import { describe, expect, it } from 'vitest';
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
    const check = (email: string, password: string) => verifyCredentials(t.db, { email, password, clientAddress: '10.0.0.1' });
    expect(await check('SAM@example.com', 'correct horse battery')).toMatchObject({ ok: true, user: { email: 'sam@example.com' } });
    expect(await check('sam@example.com', 'wrong password')).toEqual({ ok: false, reason: 'mismatch' });
    expect(await check('nobody@example.com', 'correct horse battery')).toEqual({ ok: false, reason: 'mismatch' });
  });
});
