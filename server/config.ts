/**
 * Environment configuration, read and validated once at start. Every variable is documented in README.md.
 */
import path from 'node:path';
import { z } from 'zod';
import { iceServersProblem } from './domain/conversations/ice-servers';
import { pauseMinimumProblem } from './domain/conversations/pause-minimum';
import { signUpLimitProblem } from './auth/sign-in-throttle-policy';
import { publicUrlProblem } from './notices/notice-content';
import { pushEndpointConfigProblem } from './notices/push-subscriptions';
import { vapidConfigProblem } from './notices/vapid-keys';
import { mailConfigProblem } from './mail/mail';

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MEND_DATA_DIR: z.string().min(1).default('.data'),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional().or(z.literal('').transform(() => undefined)),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  MEND_QUICK_EXIT_URL: z.string().url().default('https://www.bbc.co.uk/weather'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/\S+$/, 'REDIS_URL must start with redis:// or rediss://')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  MEND_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'MEND_REDIS_PREFIX may use letters, digits and : _ . - (at most 64)')
    .default('mend:'),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string | undefined;
  production: boolean;
  quickExitUrl: string;
  /** Set: this is one of several instances sharing Redis (scale-out); unset: one process, no Redis. */
  redisUrl: string | undefined;
  /** Every Redis channel and key of this deployment starts with it. */
  redisPrefix: string;
};

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Mend cannot start: the configuration is not valid.\n${lines.join('\n')}`);
  }
  const v = parsed.data;
  if (v.REDIS_URL && !v.DATABASE_URL) {
    throw new ConfigError(
      'Mend cannot start: REDIS_URL is set (several instances) but DATABASE_URL is not. Each instance would keep its own embedded database and they would not share accounts or documents: set DATABASE_URL to the one PostgreSQL all instances use.',
    );
  }
  const pauseProblem = pauseMinimumProblem(env);
  if (pauseProblem) throw new ConfigError(`Mend cannot start: ${pauseProblem}`);
  const iceProblem = iceServersProblem(env);
  if (iceProblem) throw new ConfigError(`Mend cannot start: ${iceProblem}`);
  const signUpProblem = signUpLimitProblem(env);
  if (signUpProblem) throw new ConfigError(`Mend cannot start: ${signUpProblem}`);
  const noticesProblem = vapidConfigProblem(env) ?? publicUrlProblem(env) ?? pushEndpointConfigProblem(env);
  if (noticesProblem) throw new ConfigError(`Mend cannot start: ${noticesProblem}`);
  const mailProblem = mailConfigProblem(env);
  if (mailProblem) throw new ConfigError(`Mend cannot start: ${mailProblem}`);
  return {
    port: v.PORT,
    host: v.HOST,
    databaseUrl: v.DATABASE_URL,
    dataDir: path.resolve(v.MEND_DATA_DIR),
    authSecret: v.AUTH_SECRET,
    production: v.NODE_ENV === 'production',
    quickExitUrl: v.MEND_QUICK_EXIT_URL,
    redisUrl: v.REDIS_URL,
    redisPrefix: v.MEND_REDIS_PREFIX,
  };
}
