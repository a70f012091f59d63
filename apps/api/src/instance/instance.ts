// The data directory and its instance marker. `instance.json` is written once, on the first start
// against an empty directory, and never rewritten: its id identifies this deployment's data
// (e.g. in logs and health output) and shows that the directory survived a restart.
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { link, mkdir, open, readFile, unlink, access } from 'node:fs/promises';
import { join } from 'node:path';
import { StartupError, describeError, errnoCode } from '@complaint-ledger/runtime';

export const INSTANCE_FILE = 'instance.json';

export interface InstanceInfo {
  instanceId: string;
  createdAt: string;
  /** Absolute path of the data directory. */
  dataDir: string;
  /** True when this start created the marker (first start on this data dir). */
  created: boolean;
}

interface InstanceFile {
  instanceId: string;
  createdAt: string;
}

/** Create the data dir if missing, check it is writable, and read or create the instance marker. */
export async function prepareDataDir(dataDir: string): Promise<InstanceInfo> {
  try {
    await mkdir(dataDir, { recursive: true });
    await access(dataDir, constants.W_OK);
  } catch (err) {
    throw new StartupError(`cannot use data directory ${dataDir} (${describeError(err)})`, 'COMPLAINTS_DATA_DIR');
  }
  const existing = await readInstanceFile(dataDir);
  if (existing) return { ...existing, dataDir, created: false };
  const fresh: InstanceFile = { instanceId: randomUUID(), createdAt: new Date().toISOString() };
  let won: boolean;
  try {
    won = await createExclusively(join(dataDir, INSTANCE_FILE), `${JSON.stringify(fresh, null, 2)}\n`);
  } catch (err) {
    throw new StartupError(`cannot write ${join(dataDir, INSTANCE_FILE)} (${describeError(err)})`, 'COMPLAINTS_DATA_DIR');
  }
  if (won) return { ...fresh, dataDir, created: true };
  // Another process created it between our read and our write: theirs wins.
  const theirs = await readInstanceFile(dataDir);
  if (!theirs) throw new StartupError(`${join(dataDir, INSTANCE_FILE)} vanished during start-up`, 'COMPLAINTS_DATA_DIR');
  return { ...theirs, dataDir, created: false };
}

async function readInstanceFile(dataDir: string): Promise<InstanceFile | undefined> {
  const file = join(dataDir, INSTANCE_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw new StartupError(`cannot read ${file} (${describeError(err)})`, 'COMPLAINTS_DATA_DIR');
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'instanceId' in parsed &&
      typeof parsed.instanceId === 'string' &&
      'createdAt' in parsed &&
      typeof parsed.createdAt === 'string'
    ) {
      return { instanceId: parsed.instanceId, createdAt: parsed.createdAt };
    }
  } catch {
    // fall through
  }
  // Never overwrite: a damaged marker means someone should look at this directory.
  throw new StartupError(`${file} is not a valid instance marker; fix or remove it`, 'COMPLAINTS_DATA_DIR');
}

/**
 * Durably create `path` with `content` unless it exists: write + fsync a temp file, then link()
 * it into place (atomic, fails with EEXIST instead of overwriting), then fsync the directory.
 */
async function createExclusively(path: string, content: string): Promise<boolean> {
  const tmp = `${path}.${process.pid}.${randomUUID()}.tmp`;
  const fh = await open(tmp, 'wx');
  try {
    await fh.writeFile(content, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(tmp, path);
  } catch (err) {
    if (errnoCode(err) === 'EEXIST') return false;
    throw err;
  } finally {
    await unlink(tmp).catch(() => undefined);
  }
  await fsyncDir(join(path, '..'));
  return true;
}

async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}
