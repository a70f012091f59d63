import { createLedgerClient } from './index';

/** A fetch that records the request and answers with a canned JSON reply. */
function recordingFetch(status: number, body: unknown) {
  const requests: Request[] = [];
  const fetch = async (input: Request | string | URL, init?: RequestInit) => {
    requests.push(input instanceof Request ? input : new Request(input, init));
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { requests, fetch: fetch as typeof globalThis.fetch };
}

describe('createLedgerClient', () => {
  it('sends the bearer token, the path parameter and the JSON body, and types the 201 answer', async () => {
    const { requests, fetch } = recordingFetch(201, { id: 'a', revision: 1, state: 'classified' });
    const api = createLedgerClient({ baseUrl: 'http://ledger.test', token: 't0k', fetch });
    const { data, error } = await api.POST('/complaints/{id}/classify', {
      params: { path: { id: '6f1c0d1e-0000-4000-8000-000000000001' } },
      body: { category: 'billing_refund', urgency: 'general' },
    });
    expect(error).toBeUndefined();
    expect(data?.state).toBe('classified');
    const [sent] = requests;
    expect(sent.url).toBe('http://ledger.test/complaints/6f1c0d1e-0000-4000-8000-000000000001/classify');
    expect(sent.headers.get('authorization')).toBe('Bearer t0k');
    expect(await sent.json()).toEqual({ category: 'billing_refund', urgency: 'general' });
  });

  it('gives the error body of a refusal', async () => {
    const body = {
      statusCode: 400,
      error: 'Bad Request',
      message: 'urgency is required',
      details: { field: 'urgency', reason: 'is required', problems: [] },
    };
    const { fetch } = recordingFetch(400, body);
    const api = createLedgerClient({ baseUrl: 'http://ledger.test', fetch });
    const { data, error } = await api.POST('/complaints', { body: { customerId: 'c', channel: 'web', description: 'd' } });
    expect(data).toBeUndefined();
    expect(error).toEqual(body);
  });
});
