// Regenerates the contract docs from the code: `npm run docs:domain` (with the domain's).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventCataloguePage } from '../src/lib/event-catalogue';
import { eventSchemaFiles } from '../src/lib/event-schema-files';
import { complaintEventsAsyncApi } from '../src/lib/public/asyncapi';
import { publicCataloguePage, publicSchemaFiles } from '../src/lib/public/public-docs';

const docs = join(__dirname, '..', '..', '..', 'docs');
const write = (dir: string, files: Record<string, string>) => {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
};
write(join(docs, 'domain'), { 'events.md': eventCataloguePage() });
write(join(docs, 'domain', 'schemas'), eventSchemaFiles());
write(join(docs, 'events'), {
  'catalogue.md': publicCataloguePage(),
  'asyncapi.json': JSON.stringify(complaintEventsAsyncApi(), null, 2) + '\n',
});
write(join(docs, 'events', 'schemas'), publicSchemaFiles());
console.log(`wrote ${docs}/domain/events.md and schemas/, ${docs}/events/catalogue.md, asyncapi.json and schemas/`);
