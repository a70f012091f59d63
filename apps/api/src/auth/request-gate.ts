// Fastify hooks that run before any body is read, so the API's error order holds:
// 401 (no/invalid token) -> 403 (role may not call the route) -> 413 (declared body too big)
// -> 415 (not JSON). Fastify's own body reading then enforces the body limit for chunked bodies
// (413), and everything later (400 .. 429) is decided by the controllers and the command service.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply } from '../fastify-types';
import { errorBody } from '../errors/api-error';
import type { RateLimiter } from './rate-limiter';
import { isPublicPath, mayCall } from './roles';
import { InvalidTokenError, bearerToken, type Principal, type TokenVerifier } from './token-verifier';

export interface AuthenticatedCaller extends Principal {
  /** Counted against the caller's rate limit on arrival; refused (429) only once nothing else is wrong. */
  rateLimit: { limited: boolean; retryAfterSeconds: number };
}

const callers = new WeakMap<IncomingMessage, AuthenticatedCaller>();

/** The verified caller of a request that passed the gate. */
export function callerOf(request: { raw: IncomingMessage }): AuthenticatedCaller {
  const caller = callers.get(request.raw);
  if (!caller) throw new Error('no authenticated caller on this request (route not behind the request gate?)');
  return caller;
}

export interface RequestGateOptions {
  verifier: TokenVerifier;
  limiter: RateLimiter;
  bodyLimitBytes: number;
}

export function installRequestGate(fastify: FastifyInstance, options: RequestGateOptions): void {
  fastify.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0];
    if (isPublicPath(path)) return;
    const token = bearerToken(request.headers.authorization);
    if (token === undefined) {
      return refuse(reply, 401, 'missing bearer token: send Authorization: Bearer <JWT>', {}, { 'www-authenticate': 'Bearer' });
    }
    let principal: Principal;
    try {
      principal = await options.verifier.verify(token);
    } catch (error) {
      if (!(error instanceof InvalidTokenError)) throw error;
      return refuse(reply, 401, error.message, {}, { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    const route = request.routeOptions.url;
    if (route !== undefined && !mayCall(principal.roles, request.method, route)) {
      return refuse(reply, 403, `roles [${principal.roles.join(', ')}] may not call ${request.method} ${route}`, {
        roles: principal.roles,
      });
    }
    const declared = request.headers['content-length'];
    if (declared !== undefined && Number(declared) > options.bodyLimitBytes) {
      return refuse(reply, 413, `request body is ${declared} bytes; the limit is ${options.bodyLimitBytes}`, {
        limitBytes: options.bodyLimitBytes,
      });
    }
    const hasBody = (declared !== undefined && Number(declared) > 0) || request.headers['transfer-encoding'] !== undefined;
    if (hasBody && !/^application\/json\s*(;|$)/i.test(request.headers['content-type'] ?? '')) {
      return refuse(
        reply,
        415,
        `content type ${JSON.stringify(request.headers['content-type'] ?? '')} is not supported: send application/json`,
        {
          supported: ['application/json'],
        },
      );
    }
    callers.set(request.raw, { ...principal, rateLimit: options.limiter.hit(principal.subject) });
    return undefined;
  });
}

function refuse(
  reply: FastifyReply,
  status: number,
  message: string,
  details: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return reply
    .code(status)
    .headers({ ...headers, 'content-type': 'application/json; charset=utf-8' })
    .send(errorBody(status, message, details));
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAYBE_FORBIDDEN_KEY = /__proto__|constructor|prototype|\\u/;

function refuseForbiddenKeys(key: string, value: unknown): unknown {
  if (FORBIDDEN_KEYS.has(key)) throw new SyntaxError(`the key "${key}" is not allowed`);
  return value;
}

/**
 * JSON bodies: an empty body reads as "no body" (POST /acknowledge with nothing to say), and keys
 * that could reach an object's prototype are refused (400) instead of being copied by DTO mapping.
 */
export function installJsonParser(fastify: FastifyInstance, bodyLimitBytes: number): void {
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string', bodyLimit: bodyLimitBytes }, (_request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    try {
      // A reviver slows JSON.parse several times over; only a body that could spell one of the
      // keys (literally or through a \u escape) needs it.
      done(null, MAYBE_FORBIDDEN_KEY.test(text) ? JSON.parse(text, refuseForbiddenKeys) : JSON.parse(text));
    } catch (error) {
      const err = error instanceof Error ? error : new Error(String(error));
      done(Object.assign(new SyntaxError(`invalid JSON: ${err.message}`), { status: 400, statusCode: 400 }), undefined);
    }
  });
}
