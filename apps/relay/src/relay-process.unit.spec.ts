import { parseConfig, StartupError } from '@complaint-ledger/runtime';
import { startRelayProcess } from './relay-process';

const config = (env: Record<string, string>) => {
  const parsed = parseConfig({ PORT: '3999', ...env });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.config;
};

describe('the standalone relay refuses what it cannot do, naming the variable', () => {
  it('without BUS=kafka there is nothing to relay to', async () => {
    await expect(startRelayProcess(config({}))).rejects.toThrow(StartupError);
    await expect(startRelayProcess(config({}))).rejects.toThrow(/^BUS: the relay publishes to Kafka/);
  });

  it('the embedded store belongs to npm start, which hosts the relay itself', async () => {
    await expect(startRelayProcess(config({ BUS: 'kafka', KAFKA_BROKERS: '127.0.0.1:9092' }))).rejects.toThrow(
      /^EVENT_STORE: the embedded store belongs to the one process/,
    );
  });
});
