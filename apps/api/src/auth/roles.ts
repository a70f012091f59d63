// Who may call what. Routes are Fastify route patterns (as Nest registers them). The route x role
// e2e test (complaints/commands/route-roles.e2e.spec.ts) holds its own literal copy of the
// expected matrix on purpose: it must not read this table.
export const ROLES = ['agent', 'supervisor', 'auditor', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Paths anyone may call, without a token. */
export function isPublicPath(path: string): boolean {
  return path === '/health' || path === '/metrics' || path === '/openapi.json' || path === '/docs' || path.startsWith('/docs/');
}

const WORK: readonly Role[] = ['agent', 'supervisor', 'admin'];
const SUPERVISE: readonly Role[] = ['supervisor', 'admin'];
const READ_CASES: readonly Role[] = ['agent', 'supervisor', 'auditor', 'admin'];

/** `METHOD /route/pattern` -> roles allowed. `admin` may call every route, listed or not. */
export const ROUTE_ROLES: Readonly<Record<string, readonly Role[]>> = {
  'POST /complaints': WORK,
  'POST /complaints/:id/acknowledge': WORK,
  'POST /complaints/:id/classify': WORK,
  'POST /complaints/:id/assign': SUPERVISE,
  'POST /complaints/:id/solutions': WORK,
  'POST /complaints/:id/solutions/accept': WORK,
  'POST /complaints/:id/solutions/reject': WORK,
  'POST /complaints/:id/implementation/progress': WORK,
  'POST /complaints/:id/implementation/complete': WORK,
  'POST /complaints/:id/feedback': WORK,
  'POST /complaints/:id/evaluate': SUPERVISE,
  'POST /complaints/:id/escalate': WORK,
  'POST /complaints/:id/reopen': WORK,
  'POST /complaints/:id/withdraw': WORK,
  // Query side (apps/api/src/complaints/queries): reading cases.
  'GET /complaints': READ_CASES,
  'GET /complaints/:id': READ_CASES,
};

/** May a caller with these roles call this route? Unlisted routes are for admins only. */
export function mayCall(roles: readonly string[], method: string, routePattern: string): boolean {
  if (roles.includes('admin')) return true;
  const allowed = ROUTE_ROLES[`${method.toUpperCase()} ${routePattern}`];
  return allowed !== undefined && roles.some((r) => (allowed as readonly string[]).includes(r));
}
