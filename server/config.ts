/**
 * Environment configuration, read and validated once at start. Every variable is documented in README.md.
 */
import path from 'node:path';
import { z } from 'zod';
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
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  authSecret: string | undefined;
  production: boolean;
  quickExitUrl: string;
};

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Mend cannot start: the configuration is not valid.\n${lines.join('\n')}`);
  }
  const v = parsed.data;
  const pauseProblem = pauseMinimumProblem(env);
  if (pauseProblem) throw new ConfigError(`Mend cannot start: ${pauseProblem}`);
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
  };
}
