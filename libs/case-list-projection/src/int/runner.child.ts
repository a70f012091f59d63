/**
 * Crash-test child: runs the case-list runner until it has caught up, printing one line per
 * committed batch (`commit <position> <events>`) and `caught-up` at the end, then exits 0.
 * The test SIGKILLs it mid-stream and starts it again.
 * Run: node -r @swc-node/register runner.child.ts   (config in CASE_LIST_CHILD as JSON)
 * CASE_LIST_UNSAFE=split-commit switches the exactly-once protection off (see the test); a
 * test-only switch, honoured only with NODE_ENV=test (the test passes its own env, Jest's
 * NODE_ENV=test included, to this child).
 */
import { testOnlySwitch } from '@complaint-ledger/event-store';
import { CaseListRunner } from '../index';
import { openCaseListStore, openEventStore, type EngineConfig } from './engines';

async function main(): Promise<void> {
  const config = JSON.parse(process.env['CASE_LIST_CHILD'] ?? '') as EngineConfig;
  const unsafe = testOnlySwitch('CASE_LIST_UNSAFE', process.env) === 'split-commit';
  const events = await openEventStore(config);
  const list = await openCaseListStore(config, unsafe ? { unsafeSplitCommit: { gapMs: 300 } } : {});
  const runner = new CaseListRunner(events, list, {
    batchSize: 100,
    unsafeNoRevisionGuard: unsafe,
    onCommit: ({ position, events: n }) => process.stdout.write(`commit ${position} ${n}\n`),
    onError: (error) => {
      console.error('runner failed', error);
      process.exit(3);
    },
  });
  await runner.start();
  await runner.caughtUp();
  await runner.stop();
  process.stdout.write('caught-up\n');
  await list.close();
  await events.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
