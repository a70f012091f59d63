// Who may call what. Routes are Fastify route patterns (as Nest registers them). The route x role
// e2e test (complaints/commands/route-roles.e2e.spec.ts) holds its own literal copy of the
// expected matrix on purpose: it must not read this table.
import { COMMAND_ROUTES, HTTP_COMMAND_TYPES, commandRoutePattern } from '../complaints/commands/command-routes';

export const ROLES = ['agent', 'supervisor', 'auditor', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Paths anyone may call, without a token. */
export function isPublicPath(path: string): boolean {
  return (
    path === '/health' ||
    path === '/metrics' ||
    path === '/openapi.json' ||
    path === '/docs' ||
    path.startsWith('/docs/') ||
    // The public event contract, for subscribers.
    path.startsWith('/events/')
  );
}

const READ_CASES: readonly Role[] = ['agent', 'supervisor', 'auditor', 'admin'];

/** `METHOD /route/pattern` -> roles allowed. `admin` may call every route, listed or not. */
export const ROUTE_ROLES: Readonly<Record<string, readonly Role[]>> = {
  // Command side: from each command's route (apps/api/src/complaints/commands/command-routes.ts).
  ...Object.fromEntries(HTTP_COMMAND_TYPES.map((type) => [`POST ${commandRoutePattern(type)}`, COMMAND_ROUTES[type].roles])),
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
