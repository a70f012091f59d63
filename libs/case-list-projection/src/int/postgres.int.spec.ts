import { describeWithPostgres, freshSchema } from '@complaint-ledger/test-engines';
import { caseListIntegrationSuite } from './case-list.suite';

describeWithPostgres('case-list projection on PostgreSQL', (getUrl) => {
  caseListIntegrationSuite('postgres', async () => {
    // The projection's tables live in their own schema beside the event store's.
    const eventSchema = await freshSchema(getUrl(), 'cl_events');
    const listSchema = await freshSchema(getUrl(), 'cl_list');
    return {
      config: { kind: 'postgres', url: getUrl(), eventSchema: eventSchema.schema, listSchema: listSchema.schema },
      async cleanup() {
        await eventSchema.drop();
        await listSchema.drop();
      },
    };
  });
});
