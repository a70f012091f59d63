import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventCataloguePage } from './event-catalogue';
import { stateMachinePage } from './state-diagram';
import { eventSchemaFiles } from './event-schema-files';
import { complaintEventsAsyncApi } from './asyncapi';
import { COMPLAINT_EVENT_TYPES } from './events';

const docs = join(__dirname, '..', '..', '..', '..', 'docs', 'domain');
const stale = 'is stale: run `npm run docs:domain` and commit the result';

describe('generated docs match the code', () => {
  it(`docs/domain/state-machine.md ${stale}`, () => {
    expect(readFileSync(join(docs, 'state-machine.md'), 'utf8')).toBe(stateMachinePage());
  });
  it(`docs/domain/events.md ${stale}`, () => {
    expect(readFileSync(join(docs, 'events.md'), 'utf8')).toBe(eventCataloguePage());
  });
  it.each(Object.entries(eventSchemaFiles()))(`docs/domain/schemas/%s ${stale}`, (name, text) => {
    expect(readFileSync(join(docs, 'schemas', name), 'utf8')).toBe(text);
  });
  it(`docs/domain/asyncapi.json ${stale}`, () => {
    expect(readFileSync(join(docs, 'asyncapi.json'), 'utf8')).toBe(JSON.stringify(complaintEventsAsyncApi(), null, 2) + '\n');
  });
  it('the AsyncAPI contract names one message per event type, each pointing at its published schema', () => {
    const doc = complaintEventsAsyncApi() as { components: { messages: Record<string, { payload: { schema: { $ref: string } } }> } };
    for (const type of COMPLAINT_EVENT_TYPES) {
      const ref = doc.components.messages[`${type}.v1`].payload.schema.$ref;
      expect(readFileSync(join(docs, ref), 'utf8')).toContain(`"title": "${type} v1"`);
    }
  });
  it('the diagram shows every transition, guards included', () => {
    const page = stateMachinePage();
    expect(page).toContain('solutionProposed --> implementing : SolutionAccepted [isCurrentSolution]');
    expect(page).toContain('awaitingFeedback --> classified : ComplaintReopened [reopenAfterUnsatisfiedFeedback]');
    expect(page).toContain('open --> withdrawn : ComplaintWithdrawn');
    expect(page).toContain('open --> closed : ComplaintClosed [evaluated] from evaluating');
    expect(page).toContain('closed --> open : ComplaintReopened [reopenOnRequest] → classified');
  });
});
