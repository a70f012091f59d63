import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ReaderWriterArgs } from './protocol';

function workspaceRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('nx.json not found above ' + __dirname);
    dir = parent;
  }
  return dir;
}

export interface RunningChild {
  process: ChildProcess;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts the reader/writer child under @swc-node/register (TypeScript, tsconfig paths). */
export function startReaderWriter(args: ReaderWriterArgs): RunningChild {
  const root = workspaceRoot();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'reader-writer.child.ts')], {
    cwd: root,
    env: { ...process.env, CONFORMANCE_CHILD_ARGS: JSON.stringify(args), SWC_NODE_PROJECT: join(root, 'tsconfig.base.json') },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, stderr })),
  );
  return { process: child, exited };
}
