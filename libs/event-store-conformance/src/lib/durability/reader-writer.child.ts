/**
 * Child process for the durability cases: appends events (acknowledged ids go to acked.log)
 * while a catch-up subscription records every event of its streams (seen.log) and keeps a
 * checkpoint. The test SIGKILLs it mid-stream and starts it again; it resumes both jobs.
 * Exits 0 once all events are appended and the subscription has caught up with them.
 * Run: node -r @swc-node/register reader-writer.child.ts  (args in CONFORMANCE_CHILD_ARGS)
 */
import { appendFileSync, existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import type { GlobalPosition } from '@complaint-ledger/event-store';
import { openStoreFromRecipe } from '../capabilities';
import { files, readLines, readSeen, type ReaderWriterArgs } from './protocol';

async function main(): Promise<void> {
  const args = JSON.parse(process.env['CONFORMANCE_CHILD_ARGS'] ?? '') as ReaderWriterArgs;
  const paths = files(args.workDir);
  const store = await openStoreFromRecipe(args.recipe);

  let checkpoint: GlobalPosition;
  if (args.mode === 'transactional') {
    checkpoint = readSeen(args.workDir).at(-1)?.position ?? args.startAfter;
  } else {
    checkpoint = existsSync(paths.checkpoint) ? readFileSync(paths.checkpoint, 'utf8') : args.startAfter;
  }

  let writerDone = false;
  let sinceCheckpoint = 0;
  let finished!: () => void;
  const caughtUpAfterWriter = new Promise<void>((resolve) => (finished = resolve));
  const subscription = store.subscribeToAll({
    fromPosition: checkpoint,
    onEvent: (event) => {
      if (!event.streamName.startsWith(args.streamPrefix)) return;
      const line = `${event.globalPosition}\t${event.id}\n`;
      appendFileSync(paths.seen, line);
      if (args.mode === 'separate' && ++sinceCheckpoint >= args.checkpointEvery) {
        writeFileSync(`${paths.checkpoint}.tmp`, event.globalPosition);
        renameSync(`${paths.checkpoint}.tmp`, paths.checkpoint);
        sinceCheckpoint = 0;
      }
    },
    onCaughtUp: () => {
      if (writerDone) finished();
    },
    onError: (error) => {
      console.error('subscription failed', error);
      process.exit(3);
    },
  });

  let acked = readLines(paths.acked).length;
  for (let i = 0; acked < args.totalEvents; i++) {
    const count = Math.min(1 + (i % 3), args.totalEvents - acked);
    const events = Array.from({ length: count }, (_, k) => ({
      id: randomUUID(),
      type: 'DurabilityProbe',
      data: { n: acked + k },
      metadata: { correlationId: randomUUID(), causationId: randomUUID(), actor: 'durability', occurredAt: new Date().toISOString() },
    }));
    await store.appendToStream(`${args.streamPrefix}${i % 5}`, events, 'any');
    // Only now is the append acknowledged: these ids must survive anything that follows.
    appendFileSync(paths.acked, events.map((e) => `${e.id}\n`).join(''));
    acked += count;
    await new Promise((resolve) => setTimeout(resolve, 1 + (i % 4))); // let the reader interleave
  }
  writerDone = true;
  await caughtUpAfterWriter;
  await subscription.stop();
  await store.close();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
