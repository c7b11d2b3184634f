import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Site } from './site.ts';

/**
 * dist/ is the build's and the user may keep things beside it there, so the build replaces only
 * what it wrote. Each build records its files in MANIFEST; the next one refuses to start while dist/
 * holds anything else, then writes the new site into a hidden sibling and swaps the two folders, so
 * dist/ is never half-written and nothing of the user's is deleted.
 */
export const MANIFEST = '.build-manifest.json';

export class DistError extends Error {
  override name = 'DistError';
}

/** Every file under `dir` as a '/'-separated relative path; an empty folder as 'path/'. */
async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  if (entries.length === 0 && prefix !== '') return [prefix];
  const paths: string[] = [];
  for (const entry of entries) {
    const path = `${prefix}${entry.name}`;
    if (entry.isDirectory()) paths.push(...(await listFiles(join(dir, entry.name), `${path}/`)));
    else paths.push(path);
  }
  return paths;
}

/** The paths the previous build recorded, or null when `dir` has no manifest (never built, or built before manifests). */
async function readManifest(dir: string): Promise<ReadonlySet<string> | null> {
  const path = join(dir, MANIFEST);
  if (!existsSync(path)) return null;
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new DistError(`${path} cannot be read (${(error as Error).message}); nothing was changed: delete ${dir} and build again`);
  }
  if (!Array.isArray(json) || !json.every((p) => typeof p === 'string')) throw new DistError(`${path} is not a list of files; nothing was changed: delete ${dir} and build again`);
  return new Set(json);
}

/**
 * Refuses when `dir` holds files no build wrote. `site`, when known, counts as the build's too: a
 * dist/ from before manifests holds exactly the site's paths. Without it and without a manifest,
 * the check waits for the site (returns false); true when `dir` is clear to be replaced.
 */
export async function checkDist(dir: string, site: Site | null): Promise<boolean> {
  if (!existsSync(dir)) return true;
  const manifest = await readManifest(dir);
  if (manifest === null && site === null) return false;
  const owned = (path: string): boolean => path === MANIFEST || manifest?.has(path) === true || site?.has(path) === true;
  const foreign = (await listFiles(dir)).filter((path) => !owned(path));
  if (foreign.length > 0) {
    const shown = foreign.slice(0, 5).join(', ') + (foreign.length > 5 ? `, and ${foreign.length - 5} more` : '');
    throw new DistError(`${dir} holds files the build did not write (${shown}); nothing was changed: move them elsewhere and build again`);
  }
  return true;
}

/** Writes `site` (with its manifest) beside `dir`, then swaps it in; the old build is removed last. */
export async function replaceDist(dir: string, site: Site): Promise<void> {
  const stamp = `${process.pid}-${Date.now()}`;
  const temp = join(dirname(dir), `.${basename(dir)}.tmp-${stamp}`);
  const old = join(dirname(dir), `.${basename(dir)}.old-${stamp}`);
  try {
    for (const [path, file] of site) {
      const target = join(temp, path);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.body);
    }
    await writeFile(join(temp, MANIFEST), `${JSON.stringify([...site.keys()].sort(), null, 1)}\n`);
    if (existsSync(dir)) await rename(dir, old);
    await rename(temp, dir);
  } catch (error) {
    if (!existsSync(dir) && existsSync(old)) await rename(old, dir);
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
  await rm(old, { recursive: true, force: true });
}
