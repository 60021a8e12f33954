/**
 * Auth.js (next-auth v5) configuration: email + password credentials, sessions as signed JWT cookies
 * that name a revocable row in user_sessions (server/auth/sessions.ts).
 * The secret comes from AUTH_SECRET, which server/main.ts sets (generated on first start if needed).
 *
 * Every way of signing in (the sign-in form's server action, next-auth's own
 * POST /api/auth/callback/credentials) goes through `authorize`, so throttling and deleted accounts
 * are handled there and nowhere else.
 */
import NextAuth, { CredentialsSignin, type DefaultSession } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { getDb } from '../db/process-database';
import { publishSessionsRevoked } from '../events/session-events';
import { CLIENT_ADDRESS_HEADER } from '../request-headers';
import { verifyCredentials } from '../domain/accounts/verify-credentials';
import { signInSchema } from '../domain/accounts/account-input';
import { SESSION_MAX_AGE_SECONDS, checkSession, revokeSession, startSession } from './sessions';

declare module 'next-auth' {
  interface Session {
    user: { id: string } & DefaultSession['user'];
    /** The user_sessions row of this device, so the list of devices can say "this device". */
    sessionId: string;
  }
  interface User {
    sessionId?: string;
  }
}

declare module '@auth/core/jwt' {
  interface JWT {
    /** The user_sessions row this cookie belongs to. */
    sid?: string;
  }
}

/**
 * Sign-in refused because this account (from this address) or this address failed too often lately.
 * `code` reaches the URL of next-auth's own endpoint (?code=paused); the sign-in form reads `waitMs`.
 */
export class SignInPaused extends CredentialsSignin {
  override code = 'paused';
  constructor(readonly waitMs: number) {
    super('Sign-in paused after repeated failures');
  }
}

/**
 * The password was right and this person has two-step sign-in: the form asks for a code (no session
 * exists yet). `code` reaches next-auth's own endpoint as ?code=code-needed.
 */
export class SecondStepNeeded extends CredentialsSignin {
  override code = 'code-needed';
  constructor() {
    super('A code from the authenticator app is needed');
  }
}

/** The password was right but the code (or recovery code) was not. */
export class SecondStepMismatch extends CredentialsSignin {
  override code = 'code-mismatch';
  constructor() {
    super('The two-step sign-in code did not match');
  }
}

function isCredentialsRefusal(error: Error): error is CredentialsSignin {
  return (error as { type?: string }).type === 'CredentialsSignin';
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  // Mend runs behind its own server on whatever host the person opens; there is no fixed AUTH_URL.
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: '/sign-in' },
  logger: {
    // A wrong password is an everyday event, not a server error: one calm line without the email,
    // instead of next-auth's default stack trace. Anything else is a real error and is logged whole.
    error(error) {
      if (isCredentialsRefusal(error)) {
        const why =
          error.code === 'paused'
            ? 'paused after repeated failures'
            : error.code === 'code-needed'
              ? 'password right, asking for the two-step code'
              : error.code === 'code-mismatch'
                ? 'two-step code did not match'
                : 'email and password did not match';
        console.warn(`[auth] sign-in refused (${why})`);
        return;
      }
      console.error('[auth][error]', error);
    },
  },
  providers: [
    Credentials({
      // `code`: the two-step sign-in code, needed only by people who turned it on.
      credentials: { email: {}, password: {}, code: {} },
      async authorize(raw, request) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) return null;
        const db = getDb();
        // Set by Mend's HTTP server on every request (a client cannot choose it).
        const clientAddress = request.headers.get(CLIENT_ADDRESS_HEADER);
        const code = typeof raw.code === 'string' ? raw.code.slice(0, 64) : undefined;
        const check = await verifyCredentials(db, { ...parsed.data, code, clientAddress });
        if (!check.ok) {
          if (check.reason === 'paused') throw new SignInPaused(check.waitMs);
          if (check.reason === 'code-needed') throw new SecondStepNeeded();
          if (check.reason === 'code-mismatch') throw new SecondStepMismatch();
          return null;
        }
        const sessionId = await startSession(db, check.user.id, request.headers.get('user-agent'));
        return { id: check.user.id, name: check.user.name, email: check.user.email, sessionId };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sid = user.sessionId;
        return token;
      }
      // Every later request: the session must still exist, not be revoked, and the account not be
      // deleted. Null makes next-auth treat the cookie as no session at all (and clear it where it can).
      return (await checkSession(getDb(), { sessionId: token.sid, userId: token.sub })) ? token : null;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      if (token.sid) session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    // Signing out ends this device's session for real: a copy of the cookie taken earlier is useless.
    async signOut(message) {
      const token = 'token' in message ? message.token : null;
      if (!token?.sub || !token.sid) return;
      if (await revokeSession(getDb(), token.sub, token.sid)) publishSessionsRevoked({ userId: token.sub, sessionIds: [token.sid] });
    },
  },
});
