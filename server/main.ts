/**
 * Mend's entry point (`npm start`): read configuration, make sure there is an auth secret, open the
 * database and apply migrations, build the web app if needed, then serve pages, `/healthz` and the
 * realtime endpoints on one port. SIGTERM and SIGINT flush every pending write before exit.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import next from 'next';
import { resolveAuthSecret } from './auth-secret';
import { buildIfNeeded } from './build-if-needed';
import { startBus } from './bus/start-bus';
import { ConfigError, readConfig } from './config';
import { openPglite, openPostgres } from './db/open-database';
import { setProcessDatabase } from './db/process-database';
import { startMendServer, type WebApp } from './http-server';
import { closeMail, mailSettings } from './mail/mail';
import { realtimeServices } from './realtime/services';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

async function main(): Promise<void> {
  const config = readConfig();
  const dev = process.env.MEND_DEV === '1';
  const secret = resolveAuthSecret(config);
  process.env.AUTH_SECRET = secret.secret;
  if (secret.source === 'generated') console.log(`Generated an auth secret and saved it to ${secret.file} (readable by you only).`);

  const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  setProcessDatabase(database);
  console.log(`Database: ${database.kind === 'pglite' ? 'embedded PGlite' : 'PostgreSQL'} at ${database.location}`);

  // Installed before any service subscribes: events and documents of several instances meet here.
  const bus = await startBus({ redisUrl: config.redisUrl, redisPrefix: config.redisPrefix });
  console.log(bus.kind === 'redis' ? `Instances: sharing events through ${bus.health().detail.replace(/: .*/, '')} (prefix ${config.redisPrefix}), this one is ${bus.instanceId}` : 'Instances: one (REDIS_URL is not set)');

  // MEND_WEB=off serves only /healthz and the realtime endpoints (restart tests and the realtime
  // benchmark start in a second instead of building and preparing Next).
  const webEnabled = process.env.MEND_WEB !== 'off';
  let web: WebApp | undefined;
  if (webEnabled) {
    if (!dev) buildIfNeeded(root);
    const app = next({ dev, dir: root, hostname: config.host, port: config.port || 3000 });
    await app.prepare();
    const handle = app.getRequestHandler();
    web = { handle: (req, res) => handle(req, res), upgrade: app.getUpgradeHandler(), close: () => app.close() };
  }
  const server = await startMendServer({
    database,
    authSecret: secret.secret,
    port: config.port,
    host: config.host,
    web,
    realtime: realtimeServices,
  });
  console.log(`Mend is running at ${server.url}`);
  const mail = mailSettings();
  console.log(
    mail.smtpUrl
      ? `Email: sent through SMTP at ${new URL(mail.smtpUrl).host}.`
      : `Email: SMTP_URL is not set, so emails are written to ${path.join(mail.dataDir, 'outbox')}.`,
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: saving everything and stopping…`);
    try {
      await server.close();
      await bus.close();
      closeMail();
      await database.close();
      process.exit(0);
    } catch (error) {
      console.error('Stopping failed:', error);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
  } else {
    console.error('Mend failed to start:', error);
  }
  process.exit(1);
});
