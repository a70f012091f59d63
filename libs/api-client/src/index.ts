// The typed HTTP client of the Complaint Ledger API: openapi-fetch over types generated from the
// document the app serves (libs/api-client/openapi.json, `npm run api:client`). Paths, bodies,
// parameters and answers are checked by the compiler against the contract.
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './generated/openapi';

export type { components, operations, paths } from './generated/openapi';

export type LedgerClient = Client<paths>;
export type Schemas = components['schemas'];
/** The request body of a command, e.g. `CommandBody<'ClassifyComplaint'>`. */
export type CommandBody<T extends string> = `${T}Body` extends keyof Schemas ? Schemas[`${T}Body`] : never;
export type CommandResult = Schemas['CommandResult'];
export type ErrorBody = Schemas['ErrorBody'];
export type OperationId = keyof operations;

export interface LedgerClientOptions {
  /** Where the API is, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** A bearer token (JWT); sent on every request. */
  token?: string;
  /** Another fetch (tests, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/** A client for one base URL, sending the token (if any) as `Authorization: Bearer`. */
export function createLedgerClient(options: LedgerClientOptions): LedgerClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const token = options.token;
  if (token !== undefined) {
    const bearer: Middleware = {
      onRequest({ request }) {
        request.headers.set('authorization', `Bearer ${token}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
}
