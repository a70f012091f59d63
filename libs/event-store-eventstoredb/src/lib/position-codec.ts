import type { GlobalPosition } from '@complaint-ledger/event-store';

/** EventStoreDB's {commit, prepare} as one fixed-width string: string order = log order. */
export interface LogPosition {
  commit: bigint;
  prepare: bigint;
}

const ENCODED = /^(\d{20})(\d{20})$/;

export function encodeLogPosition({ commit, prepare }: LogPosition): GlobalPosition {
  return commit.toString().padStart(20, '0') + prepare.toString().padStart(20, '0');
}

export function isLogPosition(position: string): boolean {
  return ENCODED.test(position);
}

export function decodeLogPosition(position: GlobalPosition): LogPosition {
  const match = ENCODED.exec(position);
  if (!match) throw new Error(`not an EventStoreDB position: ${position}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
