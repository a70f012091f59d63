import { createHash } from 'node:crypto';

/** Fixed namespace of this application's name-based UUIDs (generated once, never change it). */
export const COMPLAINT_LEDGER_UUID_NAMESPACE = '3a4f5c1e-8d2b-4f6a-9c0e-7b1d2e3f4a5b';

/** RFC 9562 name-based UUID, version 5 (SHA-1), as `uuid.v5(name, namespace)` computes it. */
export function uuidV5(name: string, namespace: string = COMPLAINT_LEDGER_UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (ns.length !== 16) throw new Error(`namespace ${namespace} is not a UUID`);
  const hash = createHash('sha1').update(ns).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Who used a key, where: keys are scoped to (token subject, route). */
export interface IdempotencyScope {
  subject: string;
  /** e.g. `POST /complaints` or `POST /complaints/<id>/classify` (the concrete path). */
  route: string;
  key: string;
}

// Parts are JSON-encoded so no choice of subject/route/key can collide with another split.
const scopeName = (s: IdempotencyScope) => JSON.stringify([s.subject, s.route, s.key]);

/** The id of the case a keyed create makes: the same key (same subject, same route) gives the same case. */
export function idempotentComplaintId(scope: IdempotencyScope): string {
  return uuidV5(`complaint:${scopeName(scope)}`);
}

/** The id of the `index`-th event a keyed request appends. */
export function idempotentEventId(scope: IdempotencyScope, index: number): string {
  return uuidV5(`event:${scopeName(scope)}:${index}`);
}

/** JSON with object keys sorted (arrays keep their order), undefined members dropped. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** `sha256:<hex>` of the canonical JSON of a request body. */
export function requestHash(body: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;
}
