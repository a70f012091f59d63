// Process entry point: config -> data dir -> Nest app -> listen. Known start-up failures (bad
// env, unusable data dir, port taken) print one clear message to stderr and exit 1, no stack.
import 'reflect-metadata';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApp } from './app';
import { InvalidConfigError, describeConfig, loadConfig, type AppConfig } from './config/config';
import { prepareDataDir } from './instance/instance';
import { StartupError, describeError, errnoCode } from './startup-error';

/** After SIGTERM/SIGINT, in-flight requests get this long to finish before a forced exit 1. */
const SHUTDOWN_TIMEOUT_MS = 10_000;

async function main(): Promise<void> {
  const { config, warnings } = loadConfig(process.env);
  const instance = await prepareDataDir(config.dataDir);
  const app = await createApp(config, instance);
  const log = app.getHttpAdapter().getInstance().log;
  for (const w of warnings) log.warn({ variable: w.variable }, `${w.variable} ${w.message}`);
  if (config.eventStore.kind !== 'embedded') {
    log.warn({ eventStore: config.eventStore.kind }, 'EVENT_STORE is validated but not wired to a store in this API slice');
  }

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
