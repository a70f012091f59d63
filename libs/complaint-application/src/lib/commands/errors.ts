import type { ComplaintCommandType, StateName } from '@complaint-ledger/complaint-domain';

/**
 * Typed outcomes of a command that is not carried out. The HTTP layer maps each `code` to a status
 * (see docs/api.md); nothing here knows about HTTP.
 */
export abstract class CommandError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The command's payload is wrong (400): which field, and why. */
export class InvalidCommandError extends CommandError {
  readonly code = 'invalid';
  constructor(
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} ${reason}`);
  }
}

/** No case with that id (404). */
export class ComplaintNotFoundError extends CommandError {
  readonly code = 'not_found';
  constructor(readonly complaintId: string) {
    super(`complaint ${complaintId} does not exist`);
  }
}

/** If-Match named a revision that is not the case's current one (412). Nothing was appended. */
export class PreconditionFailedError extends CommandError {
  readonly code = 'precondition_failed';
  constructor(
    readonly complaintId: string,
    readonly expectedRevision: number,
    readonly currentRevision: number,
  ) {
    super(`If-Match expects revision ${expectedRevision}, but complaint ${complaintId} is at revision ${currentRevision}`);
  }
}

/** The machine refuses the command in the case's current state (409 not_allowed). */
export class CommandNotAllowedError extends CommandError {
  readonly code = 'not_allowed';
  constructor(
    readonly command: ComplaintCommandType,
    readonly currentState: StateName,
    readonly allowedCommands: ComplaintCommandType[],
    message: string,
  ) {
    super(message);
  }
}

/** Every in-server retry lost the race against other writers (409 contention). */
export class ContentionError extends CommandError {
  readonly code = 'contention';
  constructor(
    readonly complaintId: string,
    readonly attempts: number,
  ) {
    super(`complaint ${complaintId} kept changing under ${attempts} attempts; retry the request`);
  }
}

/** The Idempotency-Key was used before, for this subject and route, with another body (422). */
export class IdempotencyMismatchError extends CommandError {
  readonly code = 'idempotency_mismatch';
  constructor(readonly idempotencyKey: string) {
    super(`Idempotency-Key ${JSON.stringify(idempotencyKey)} was already used for this route with a different request body`);
  }
}

/**
 * The caller is over its rate limit (429). Decided after everything else about the command is
 * known to be fine, so a client first learns what is wrong with its request; nothing is appended.
 */
export class RateLimitedError extends CommandError {
  readonly code = 'rate_limited';
  constructor(readonly retryAfterSeconds: number) {
    super('rate limit exceeded for this token; retry later');
  }
}
