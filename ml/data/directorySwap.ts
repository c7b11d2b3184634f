import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { isAlive } from './processAlive.ts';

/**
 * Replacing a directory so that at every instant `dir` holds either the old or the new contents.
 * The files are written into a hidden sibling `.NAME.tmp-PID-TIME`; the old directory is renamed to
 * `.NAME.old-PID-TIME` (the backup); the new one is renamed into place; only then is the backup
 * removed. A process killed between two steps leaves those siblings behind, and
 * `recoverDirectory`, run by every save and load before it touches `dir`, puts the backup back if
 * the new directory never arrived and removes the rest. Siblings of a process still alive belong to
 * a save in progress and are left alone.
 */

/** The steps of a replace, in order; `write:FILE` comes once per file before `set-aside`. */
export type SwapStep = `write:${string}` | 'set-aside' | 'swap' | 'discard';

export interface SwapOptions {
  /**
   * Whether a directory that holds something by the time the new one is moved in may be replaced
   * (default: yes). When not, the new directory is renamed onto `dir` without setting anything
   * aside; the rename itself fails when `dir` is not empty, so of two writers to one new directory
   * the second gets a DirectoryTakenError instead of silently replacing the first.
   */
  readonly replace?: boolean;
  /**
   * Called before each step. Throwing there aborts the replace as if it had failed at that step
   * (the old directory stays); Ctrl-C and the tests use it.
   */
  readonly beforeStep?: (step: SwapStep) => void;
}

export type Files = Readonly<Record<string, Uint8Array | string>>;

/** `dir` was filled by someone else while a non-replacing save was writing; `dir` is untouched. */
export class DirectoryTakenError extends Error {
  override name = 'DirectoryTakenError';
}

export async function replaceDirectory(dir: string, files: Files, options: SwapOptions = {}): Promise<void> {
  const step = options.beforeStep ?? (() => undefined);
  const replace = options.replace ?? true;
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  await recoverDirectory(dir);
  const stamp = `${process.pid}-${Date.now()}`;
  const temp = join(parent, `.${basename(dir)}.tmp-${stamp}`);
  const old = join(parent, `.${basename(dir)}.old-${stamp}`);
  try {
    await mkdir(temp);
    for (const [name, content] of Object.entries(files)) {
      step(`write:${name}`);
      await writeFile(join(temp, name), content);
    }
    step('set-aside');
    if (replace && existsSync(dir)) await rename(dir, old);
    step('swap');
    await rename(temp, dir).catch((error: unknown) => {
      const code = (error as NodeJS.ErrnoException).code;
      if (!replace && (code === 'ENOTEMPTY' || code === 'EEXIST')) throw new DirectoryTakenError(`${dir} was written by another run meanwhile`);
      throw error;
    });
  } catch (error) {
    if (!existsSync(dir) && existsSync(old)) await rename(old, dir);
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  step('discard');
  await rm(old, { recursive: true, force: true });
}

/** What a killed replace of `dir` left: restores the backup if `dir` is gone, removes the rest. Returns what it did. */
export async function recoverDirectory(dir: string): Promise<string[]> {
  const parent = dirname(dir);
  if (!existsSync(parent) || !statSync(parent).isDirectory()) return [];
  const name = basename(dir);
  const leftovers = (await readdir(parent)).flatMap((entry) => {
    const found = leftoverOf(name, entry);
    // this process's own leftovers are from a save that failed earlier in it, not one in progress
    return found && (found.pid === process.pid || !isAlive(found.pid)) ? [{ ...found, path: join(parent, entry) }] : [];
  });
  const done: string[] = [];
  // the newest backup is the model that was at `dir` last
  const backups = leftovers.filter((l) => l.kind === 'old').sort((a, b) => b.time - a.time);
  const restore = backups[0];
  if (restore && !existsSync(dir)) {
    await rename(restore.path, dir);
    done.push(`restored ${dir} from ${restore.path}, left by a save that was interrupted`);
  }
  for (const leftover of leftovers) {
    if (!existsSync(leftover.path)) continue;
    await rm(leftover.path, { recursive: true, force: true });
    done.push(`removed ${leftover.path}, left by a save that was interrupted`);
  }
  return done;
}

function leftoverOf(name: string, entry: string): { kind: 'old' | 'tmp'; pid: number; time: number } | undefined {
  const prefix = `.${name}.`;
  if (!entry.startsWith(prefix)) return undefined;
  const match = /^(old|tmp)-(\d+)-(\d+)$/.exec(entry.slice(prefix.length));
  if (!match) return undefined;
  return { kind: match[1] === 'old' ? 'old' : 'tmp', pid: Number(match[2]), time: Number(match[3]) };
}
