// Readiness probe used by kafka-up.sh / up.sh: a real Kafka metadata request with kafkajs (the
// client the app uses), not just an open port. Usage: node kafka-probe.mjs host:port[,host:port]
// Exit 0 and one line on stdout when the cluster answers; exit 1 with the reason on stderr.
import { Kafka, logLevel } from 'kafkajs';

const brokers = (process.argv[2] ?? '127.0.0.1:9092')
  .split(',')
  .map((b) => b.trim())
  .filter(Boolean);
const kafka = new Kafka({
  clientId: 'complaint-ledger-probe',
  brokers,
  connectionTimeout: 3000,
  requestTimeout: 5000,
  retry: { retries: 0 },
  logLevel: logLevel.NOTHING,
});
const admin = kafka.admin();
try {
  await admin.connect();
  const cluster = await admin.describeCluster(); // Metadata request
  console.log(
    `cluster ${cluster.clusterId}: ${cluster.brokers.length} broker(s) ` +
      `${cluster.brokers.map((b) => `${b.host}:${b.port}`).join(',')}, controller ${cluster.controller}`,
  );
  await admin.disconnect();
  process.exit(0);
} catch (err) {
  console.error(`metadata request to ${brokers.join(',')} failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
