export * from './errors';
export * from './idempotency';
export * from './complaint-command.service';
