import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventCataloguePage } from './event-catalogue';
import { eventSchemaFiles } from './event-schema-files';
import { complaintEventsAsyncApi } from './public/asyncapi';
import { publicCataloguePage, publicSchemaFiles } from './public/public-docs';

const docs = join(__dirname, '..', '..', '..', '..', 'docs');
const stale = 'is stale: run `npm run docs:domain` and commit the result';

describe('generated contract docs match the code', () => {
  it(`docs/domain/events.md ${stale}`, () => {
    expect(readFileSync(join(docs, 'domain', 'events.md'), 'utf8')).toBe(eventCataloguePage());
  });
  it.each(Object.entries(eventSchemaFiles()))(`docs/domain/schemas/%s ${stale}`, (name, text) => {
    expect(readFileSync(join(docs, 'domain', 'schemas', name), 'utf8')).toBe(text);
  });
  it(`docs/events/catalogue.md ${stale}`, () => {
    expect(readFileSync(join(docs, 'events', 'catalogue.md'), 'utf8')).toBe(publicCataloguePage());
  });
  it(`docs/events/asyncapi.json ${stale}`, () => {
    expect(readFileSync(join(docs, 'events', 'asyncapi.json'), 'utf8')).toBe(JSON.stringify(complaintEventsAsyncApi(), null, 2) + '\n');
  });
  it.each(Object.entries(publicSchemaFiles()))(`docs/events/schemas/%s ${stale}`, (name, text) => {
    expect(readFileSync(join(docs, 'events', 'schemas', name), 'utf8')).toBe(text);
  });
  it('holds no schema file the code no longer produces', () => {
    expect(readdirSync(join(docs, 'domain', 'schemas')).sort()).toEqual(Object.keys(eventSchemaFiles()).sort());
    expect(readdirSync(join(docs, 'events', 'schemas')).sort()).toEqual(Object.keys(publicSchemaFiles()).sort());
  });
});
