/** `npm run build`: writes the static site to dist/ (served as-is by any static host). */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { checkDist, DistError, replaceDist } from './distOutput.ts';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const USAGE = [
  'Usage: npm run build [-- --out DIR]',
  'Builds the game and writes the static site to DIR, replacing only what an earlier build wrote there.',
  `  --out DIR  where the site goes (default: ${resolve(REPO_ROOT, 'dist')})`,
  '  --help     show this and exit',
].join('\n');

let args;
try {
  args = parseArgs({ options: { out: { type: 'string' }, help: { type: 'boolean' } }, strict: true }).values;
} catch (error) {
  console.error(`error: ${(error as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (args.help === true) {
  console.log(USAGE);
  process.exit(0);
}
const outDir = resolve(args.out ?? resolve(REPO_ROOT, 'dist'));
try {
  // refused before the build's seconds when the manifest already tells
  const checked = await checkDist(outDir, null);
  // loaded only now: esbuild and the site's sources take seconds to load, which --help and a refusal need not wait for
  const { buildSite } = await import('./site.ts');
  const site = await buildSite({ minify: true, offline: true });
  if (!checked) await checkDist(outDir, site);
  await replaceDist(outDir, site);
  const bytes = [...site.values()].reduce((sum, file) => sum + file.body.byteLength, 0);
  console.log(`wrote ${site.size} files (${(bytes / 1024).toFixed(0)} KiB) to ${outDir}`);
} catch (error) {
  if (!(error instanceof DistError)) throw error;
  console.error(`error: ${error.message}`);
  process.exit(1);
}
