import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildStoreRecipe } from '../capabilities';

/**
 * How the reader/writer child keeps its checkpoint:
 * - 'transactional': each processed event is one appended line "position<TAB>id"; the line is
 *   the effect and the checkpoint at once (one write), so a restart resumes exactly after the
 *   last effect: no duplicates.
 * - 'separate': effects are appended, the checkpoint is saved in its own file every
 *   `checkpointEvery` events; a crash re-delivers at most the events since the last save
 *   (the at-least-once window).
 */
export type CheckpointMode = 'transactional' | 'separate';

export interface ReaderWriterArgs {
  recipe: ChildStoreRecipe;
  workDir: string;
  streamPrefix: string;
  /** Exclusive position to start from when no checkpoint exists yet. */
  startAfter: string;
  totalEvents: number;
  mode: CheckpointMode;
  checkpointEvery: number;
}

export const files = (workDir: string) => ({
  acked: join(workDir, 'acked.log'),
  seen: join(workDir, 'seen.log'),
  checkpoint: join(workDir, 'checkpoint'),
});

/** Complete lines only: a line cut short by SIGKILL has no trailing newline and is dropped. */
export function readLines(path: string): string[] {
  if (!existsSync(path)) return [];
  const text = readFileSync(path, 'utf8');
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete.split('\n').filter((line) => line.length > 0);
}

export interface SeenLine {
  position: string;
  id: string;
}

export function readSeen(workDir: string): SeenLine[] {
  return readLines(files(workDir).seen).map((line) => {
    const [position, id] = line.split('\t');
    return { position, id };
  });
}
