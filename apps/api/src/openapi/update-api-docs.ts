// Rewrites docs/api.md's commands table from the code (`npm run api:client` runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { withCommandsTable } from './commands-table';

const page = join(resolve(__dirname, '../../../..'), 'docs/api.md');
writeFileSync(page, withCommandsTable(readFileSync(page, 'utf8')));
process.stdout.write(`wrote ${page}\n`);
