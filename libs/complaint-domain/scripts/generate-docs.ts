// Regenerates the domain docs from the code: `npm run docs:domain`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stateMachinePage } from '../src/lib/state-diagram';
import { eventCataloguePage } from '../src/lib/event-catalogue';
import { eventSchemaFiles } from '../src/lib/event-schema-files';
import { complaintEventsAsyncApi } from '../src/lib/asyncapi';

const dir = join(__dirname, '..', '..', '..', 'docs', 'domain');
mkdirSync(dir, { recursive: true });
writeFileSync(join(dir, 'state-machine.md'), stateMachinePage());
writeFileSync(join(dir, 'events.md'), eventCataloguePage());
const schemaDir = join(dir, 'schemas');
mkdirSync(schemaDir, { recursive: true });
for (const [name, text] of Object.entries(eventSchemaFiles())) writeFileSync(join(schemaDir, name), text);
writeFileSync(join(dir, 'asyncapi.json'), JSON.stringify(complaintEventsAsyncApi(), null, 2) + '\n');
console.log(`wrote ${dir}/state-machine.md and events.md`);
