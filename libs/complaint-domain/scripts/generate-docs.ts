// Regenerates the domain docs from the code: `npm run docs:domain`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateMachinePage } from '../src/lib/state-diagram';

const dir = join(__dirname, '..', '..', '..', 'docs', 'domain');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'state-machine.md'), stateMachinePage());
console.log(`wrote ${dir}/state-machine.md`);
