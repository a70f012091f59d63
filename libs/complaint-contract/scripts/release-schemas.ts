// Freezes the current public schemas as released (`npm run contract:release`): writes
// released/<Type>.v<N>.json for every version not released yet. A released file is never
// rewritten: a change that breaks it needs the next version (see docs/events/versioning.md).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { publicSchemaFiles } from '../src/lib/public/public-docs';

const dir = join(__dirname, '..', 'released');
mkdirSync(dir, { recursive: true });
let added = 0;
for (const [name, text] of Object.entries(publicSchemaFiles())) {
  const file = join(dir, name);
  if (existsSync(file)) {
    if (readFileSync(file, 'utf8') !== text)
      console.log(`kept ${name} as released (the current schema differs; the compatibility test judges it)`);
    continue;
  }
  writeFileSync(file, text);
  added++;
  console.log(`released ${name}`);
}
console.log(`${added} schema(s) released into ${dir}`);
