import { COMMAND_SHAPES, COMPLAINT_COMMAND_TYPES, type ComplaintCommand, type ComplaintCommandType } from './commands';
import { exampleObject } from '@complaint-ledger/complaint-contract';

/** Commands only the system raises (the deadline scheduler): never offered to people as allowed. */
export const SYSTEM_COMMANDS: readonly ComplaintCommandType[] = ['RecordDeadlineMissed'];

type Probe = Omit<ComplaintCommand, 'complaintId'>;

/**
 * Minimal well-formed commands used to ask the machine "would this be accepted now?" when telling
 * a client which commands are allowed. Each is the command's required fields at their low and at
 * their high end, so a guard that reads a field (feedback: satisfaction 1 and not resolved, or 5
 * and resolved) sees both outcomes. Derived from the command shapes.
 */
export const COMMAND_PROBES = Object.fromEntries(
  COMPLAINT_COMMAND_TYPES.map((type) => {
    if (SYSTEM_COMMANDS.includes(type)) return [type, []];
    const probes = (['low', 'high'] as const).map((end) => ({ type, ...exampleObject(COMMAND_SHAPES[type].fields, end) }) as Probe);
    const distinct = probes.filter((p, i) => probes.findIndex((q) => JSON.stringify(q) === JSON.stringify(p)) === i);
    return [type, distinct];
  }),
) as Record<ComplaintCommandType, Probe[]>;
