export * from './lib/sla-policy';

export * from './lib/commands';
export * from './lib/case-state';
export * from './lib/deadlines';
export * from './lib/feedback-rule';

export * from './lib/complaint.machine';
export * from './lib/decider';
export * from './lib/snapshot-cache';
