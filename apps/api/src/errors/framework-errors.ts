import { errorBody, type ErrorBody } from './api-error';

/** The API's error for what Fastify refuses while routing: a malformed path, an over-long parameter. */
export function frameworkErrorBody(code: string, url: string): { status: number; body: ErrorBody } {
  const path = url.split('?')[0].slice(0, 200);
  if (code === 'FST_ERR_BAD_URL') {
    return {
      status: 400,
      body: errorBody(400, 'the request path is not a valid URL', { field: 'path', reason: 'holds malformed percent-encoding', path }),
    };
  }
  // Path parameters are case ids (UUIDs): one longer than the router takes names no case.
  if (code === 'FST_ERR_MAX_PARAM_LENGTH') return { status: 404, body: errorBody(404, `no route or case at ${path}`, { path }) };
  return { status: 500, body: errorBody(500, 'internal error') };
}
