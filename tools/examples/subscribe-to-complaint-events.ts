// A complete subscriber of the complaint events, in a few lines: decode each record into a typed,
// upcast event, skip duplicates and re-sends by the case's sequence, react to what you need.
//
//   KAFKA_BROKERS=127.0.0.1:9092 node -r @swc-node/register tools/examples/subscribe-to-complaint-events.ts
//
// Needs only kafkajs and @complaint-ledger/complaint-contract (no domain, no database).
import { Kafka } from 'kafkajs';
import { CaseSequenceGuard, decodeEvent, isEvent, DEFAULT_COMPLAINTS_TOPIC } from '@complaint-ledger/complaint-contract';

async function main(): Promise<void> {
  const kafka = new Kafka({ clientId: 'example-subscriber', brokers: (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',') });
  const consumer = kafka.consumer({ groupId: process.env['GROUP_ID'] ?? 'example-subscriber' });
  // In memory here; a real subscriber stores each case's last sequence with its own state.
  const guard = new CaseSequenceGuard();
  await consumer.connect();
  await consumer.subscribe({ topic: process.env['COMPLAINTS_TOPIC'] ?? DEFAULT_COMPLAINTS_TOPIC, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const event = decodeEvent(message);
      const verdict = guard.offer(event);
      if (verdict === 'duplicate') return; // a redelivery or a relay re-send: already applied
      if (verdict === 'gap') throw new Error(`case ${event.caseId}: sequence ${event.sequence} arrived before an earlier one`);
      if (isEvent(event, 'ComplaintReceived'))
        console.log(`new case ${event.caseId} from customer ${event.data.customerRef} via ${event.data.channel}`);
      const resolve = event.data.clocks.find((c) => c.clock === 'resolve');
      console.log(
        `${event.occurredAt} ${event.type} #${event.sequence} of ${event.caseId}; resolve clock ${resolve?.state ?? '-'} ${resolve?.dueAt ?? ''}`,
      );
    },
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void consumer.disconnect().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
