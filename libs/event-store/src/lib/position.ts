import type { GlobalPosition } from './types';

const WIDTH = 20; // digits of 2^64 - 1: any bigint sequence value fits
const SEQUENCE_POSITION = /^\d{20}$/;

/** Encodes a sequence number as a fixed-width position, so string order equals number order. */
export function sequencePosition(sequence: bigint | number | string): GlobalPosition {
  return BigInt(sequence).toString().padStart(WIDTH, '0');
}

export function isSequencePosition(position: string): boolean {
  return SEQUENCE_POSITION.test(position);
}

export function sequenceOf(position: GlobalPosition): bigint {
  return BigInt(position);
}

/** Total order of positions of one store: negative if a is earlier. */
export function comparePositions(a: GlobalPosition, b: GlobalPosition): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
