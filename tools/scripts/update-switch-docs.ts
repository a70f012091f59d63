// Rewrites the table of test-only switches in docs/operations/running.md from the code
// (`npm run docs:switches`; a unit test of libs/event-store fails when it is stale).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testOnlySwitchesTable } from '@complaint-ledger/event-store';

const page = join(__dirname, '..', '..', 'docs', 'operations', 'running.md');
const text = readFileSync(page, 'utf8');
const updated = text.replace(
  /(<!-- test-only-switches:start[^>]*-->\n)[\s\S]*?(<!-- test-only-switches:end -->)/,
  (_all, start: string, end: string) => `${start}${testOnlySwitchesTable()}${end}`,
);
if (updated === text && !text.includes('test-only-switches:start'))
  throw new Error('docs/operations/running.md has no test-only-switches markers');
writeFileSync(page, updated);
console.log(`wrote ${page}`);
