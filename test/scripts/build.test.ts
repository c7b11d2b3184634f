import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { MANIFEST } from '../../scripts/distOutput.ts';
import { runScript } from '../support/runScript.ts';
import { snapshot } from '../support/snapshot.ts';

// `npm run build` as users run it; only the cases decided before the site is built, so no test pays
// for a minified build.

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hd-build-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** a dist/ an earlier build wrote (its manifest lists index.html), with `extra` of the user's added */
async function builtDist(name: string, extra: (dist: string) => Promise<void>): Promise<string> {
  const dist = join(dir, name);
  await mkdir(dist);
  await writeFile(join(dist, 'index.html'), '<!doctype html>');
  await writeFile(join(dist, MANIFEST), JSON.stringify(['index.html']));
  await extra(dist);
  return dist;
}

describe('npm run build', () => {
  test('--help prints the usage and exits 0 without building', async () => {
    const out = join(dir, 'help');
    const run = await runScript('scripts/build.ts', ['--help', '--out', out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Usage: npm run build');
    expect(existsSync(out)).toBe(false);
  });

  test('an unknown flag is a usage error, exit 2', async () => {
    const run = await runScript('scripts/build.ts', ['--frobnicate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: Unknown option '--frobnicate'");
  });

  test.each([
    { what: 'a file', extra: (dist: string) => writeFile(join(dist, 'notes.txt'), 'mine'), named: 'notes.txt' },
    { what: 'an empty folder', extra: (dist: string) => mkdir(join(dist, 'drafts')), named: 'drafts/' },
  ])('a dist/ holding $what of the user: refused, exit 1, named, nothing changed', async ({ what, extra, named }) => {
    const dist = await builtDist(what.replace(/ /g, '-'), extra);
    const before = await snapshot(dist);
    const run = await runScript('scripts/build.ts', ['--out', dist]);
    expect(run.stderr).toContain(`error: ${dist} holds files the build did not write (${named}); nothing was changed`);
    expect(run.code).toBe(1);
    expect(await snapshot(dist)).toEqual(before);
  });
});
