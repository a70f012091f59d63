import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import type { FieldProblem } from '@complaint-ledger/complaint-contract';
import { ApiError, badRequest } from '../../errors/api-error';

/**
 * Validates a parsed JSON body against a DTO class: unknown fields are refused (whitelist +
 * forbidNonWhitelisted), a missing body counts as `{}`. Returns the body itself (plain JSON, which
 * the store needs), never the class instance. Throws 400 with the first problem and all of them.
 */
export function validateBody<T extends object>(cls: new () => T, body: unknown): Record<string, unknown> {
  const plain = body === undefined || body === null ? {} : body;
  if (typeof plain !== 'object' || Array.isArray(plain)) throw badRequest('body', 'must be a JSON object');
  const deep = tooDeep(plain, MAX_DEPTH);
  if (deep !== null) throw badRequest(deep, `is nested too deeply (more than ${MAX_DEPTH} levels of objects and lists)`);
  const errors = validateSync(plainToInstance(cls, plain), { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  if (errors.length > 0) {
    const problems = flatten(errors);
    const [first] = problems;
    throw new ApiError(400, `${first.field} ${first.reason}`, { field: first.field, reason: first.reason, problems });
  }
  return plain as Record<string, unknown>;
}

/** No command nests deeper than a few levels; a body that does is refused before any recursive walk. */
export const MAX_DEPTH = 32;

/**
 * The path (e.g. `rootCause.whyChain[0]`) of the first value nested more than `limit` levels deep,
 * or null. Iterative, so a body of 100,000 nested arrays cannot overflow the stack here.
 */
export function tooDeep(root: object, limit: number): string | null {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value: root, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop() as { value: unknown; depth: number; path: string };
    if (value === null || typeof value !== 'object') continue;
    if (depth > limit) return path;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, depth: depth + 1, path: `${path}[${i}]` }));
    else for (const [k, v] of Object.entries(value)) stack.push({ value: v, depth: depth + 1, path: path ? `${path}.${k}` : k });
  }
  return null;
}

function flatten(errors: ValidationError[], prefix = ''): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const e of errors) {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    const constraints = Object.entries(e.constraints ?? {});
    if (constraints.length > 0 && e.value === undefined) {
      out.push({ field, reason: 'is required' });
    } else if (constraints.length > 0) {
      // class-validator messages start with the property name; keep only the reason.
      const [kind, message] = constraints.find(([k]) => k === 'whitelistValidation') ?? constraints[0];
      const reason =
        kind === 'whitelistValidation'
          ? 'is not a known field'
          : message.startsWith(`${e.property} `)
            ? message.slice(e.property.length + 1)
            : message;
      // A problem inside a list names its entry first: `[2] must not be empty`.
      const entry = /^(\[\d+\]) (.*)$/s.exec(reason);
      out.push(entry ? { field: field + entry[1], reason: entry[2] } : { field, reason });
    }
    if (e.children && e.children.length > 0) out.push(...flatten(e.children, field));
  }
  return out;
}
