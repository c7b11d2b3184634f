import { mkdtemp, readdir, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isAlive } from './processAlive.ts';

/**
 * Whether a folder can really be written: an empty `.write-check-PID-XXXXXX` folder is made in it
 * and removed (access(W_OK) is not believed on network and read-only mounts). A process killed
 * between the two leaves the folder behind, so every check first removes those of processes that
 * no longer run, and those of older versions (no PID in the name) once a minute old.
 */
const PREFIX = '.write-check-';
const OWNED = /^\.write-check-(\d+)-[A-Za-z0-9]{6}$/;
const UNOWNED = /^\.write-check-[A-Za-z0-9]{6}$/;
/** a check takes milliseconds; an unowned one this old was left by a killed process */
const UNOWNED_STALE_MS = 60_000;

/** Rejects with the system's error when `dir` (an existing folder) cannot be written. */
export async function probeWritable(dir: string): Promise<void> {
  await removeStaleChecks(dir);
  await rmdir(await mkdtemp(join(dir, `${PREFIX}${process.pid}-`)));
}

/** Removes what killed checks left in `dir`; returns the paths removed. Only empty folders go (rmdir). */
export async function removeStaleChecks(dir: string, now = Date.now()): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(dir).catch((): string[] => [])) {
    if (!entry.startsWith(PREFIX)) continue;
    const path = join(dir, entry);
    const owner = OWNED.exec(entry)?.[1];
    const stale = owner !== undefined
      ? Number(owner) !== process.pid && !isAlive(Number(owner))
      : UNOWNED.test(entry) && now - (await stat(path)).mtimeMs > UNOWNED_STALE_MS;
    if (!stale) continue;
    try {
      await rmdir(path);
      removed.push(path);
    } catch {
      // not empty (then not ours to remove) or removed by another check meanwhile
    }
  }
  return removed;
}
