// Process entry point of the standalone relay: config -> engines -> relay + /health, /metrics.
// Known start-up failures print one clear line to stderr and exit 1, like the API.
import { InvalidConfigError, loadConfig, StartupError } from '@complaint-ledger/runtime';
import { jsonLog, startRelayProcess } from './relay-process';

async function main(): Promise<void> {
  const { config, warnings } = loadConfig(process.env);
  for (const w of warnings) jsonLog('warn', `${w.variable} ${w.message}`, { variable: w.variable });
  const relay = await startRelayProcess(config);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      jsonLog('info', 'relay: stopping', { signal });
      setTimeout(() => process.exit(1), 10_000).unref();
      relay.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
}

main().catch((err: unknown) => {
  if (err instanceof InvalidConfigError || err instanceof StartupError) process.stderr.write(`complaint-ledger relay: ${err.message}\n`);
  else
    process.stderr.write(`complaint-ledger relay: start-up failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
