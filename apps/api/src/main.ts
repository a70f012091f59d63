// Process entry point: config -> data dir -> Nest app -> listen. Known start-up failures (bad
// env, unusable data dir, port taken) print one clear message to stderr and exit 1, no stack.
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app';
import { devTokens, loadOrCreateDevSecret, DEV_SECRET_FILE } from './auth/dev-tokens';
import { InvalidConfigError, describeConfig, loadConfig, type AppConfig } from '@complaint-ledger/runtime';
import { prepareDataDir } from './instance/instance';
import { StartupError, describeError, errnoCode } from '@complaint-ledger/runtime';

/** After SIGTERM/SIGINT, in-flight requests get this long to finish before a forced exit 1. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const { config, warnings } = loadConfig(process.env);
  const instance = await prepareDataDir(config.dataDir);
  const app = await createApp(config, instance);
  const log = app.getHttpAdapter().getInstance().log;
  for (const w of warnings) log.warn({ variable: w.variable }, `${w.variable} ${w.message}`);

  // Nest runs its shutdown hooks (closing Fastify: stop accepting, let in-flight requests finish)
  // and then exits 0 because of useProcessExit.
  app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'shutting down: draining in-flight requests');
      setTimeout(() => {
        log.error({ timeoutMs: SHUTDOWN_TIMEOUT_MS }, 'shutdown timed out; exiting');
        process.exit(1);
      }, SHUTDOWN_TIMEOUT_MS).unref();
    });
  }

  await listen(app, config);
  if (!config.auth.jwtSecret && !config.auth.jwksUrl) await printDevTokens(config, log);
  log.info(
    {
      url: `http://${urlHost(config.host)}:${config.port}`,
      instanceId: instance.instanceId,
      instanceCreated: instance.created,
      config: describeConfig(config),
    },
    'complaint-ledger api listening',
  );
}

/** No AUTH_JWT_SECRET / AUTH_JWKS_URL: tokens are signed with the data dir's generated secret; print one per role. */
async function printDevTokens(config: AppConfig, log: { warn: (o: object, m: string) => void }): Promise<void> {
  const { secret } = await loadOrCreateDevSecret(config.dataDir);
  log.warn(
    { secretFile: `${config.dataDir}/${DEV_SECRET_FILE}` },
    'AUTH_JWT_SECRET is not set: using a generated secret (development only)',
  );
  const tokens = await devTokens(secret);
  const lines = Object.entries(tokens).map(([role, token]) => `  ${role.padEnd(10)} ${token}`);
  process.stderr.write(
    `complaint-ledger api: no AUTH_JWT_SECRET set; tokens signed with ${config.dataDir}/${DEV_SECRET_FILE} (valid 30 days, survive restarts):\n` +
      `${lines.join('\n')}\n  use: curl -H "Authorization: Bearer <token>" …\n`,
  );
}

async function listen(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  try {
    await app.listen(config.port, config.host);
  } catch (err) {
    const code = errnoCode(err);
    if (code === 'EADDRINUSE') throw new StartupError(`port ${config.port} is already in use on ${config.host}`, 'PORT');
    if (code === 'EACCES') throw new StartupError(`not permitted to listen on port ${config.port}`, 'PORT');
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
      throw new StartupError(`cannot listen on host ${config.host} (${describeError(err)})`, 'HOST');
    }
    throw err;
  }
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

main().catch((err: unknown) => {
  if (err instanceof InvalidConfigError || err instanceof StartupError) {
    process.stderr.write(`complaint-ledger api: ${err.message}\n`);
  } else {
    process.stderr.write(`complaint-ledger api: start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
