import type { CaseListKey } from './case-list-store';

/** Opaque page cursor: base64url of a small versioned JSON. Clients must not build it. */
export function encodeCursor(key: CaseListKey): string {
  return Buffer.from(JSON.stringify({ v: 1, r: key.receivedAtMs, i: key.id }), 'utf8').toString('base64url');
}

/** Returns null for anything that is not a cursor this code made. */
export function decodeCursor(cursor: string): CaseListKey | null {
  if (cursor.length === 0 || cursor.length > 512 || !/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { v?: unknown; r?: unknown; i?: unknown };
    if (value.v !== 1 || typeof value.r !== 'number' || !Number.isSafeInteger(value.r) || typeof value.i !== 'string' || value.i === '')
      return null;
    return { receivedAtMs: value.r, id: value.i };
  } catch {
    return null;
  }
}
