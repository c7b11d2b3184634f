/** `npm run build`: writes the static site to dist/ (served as-is by any static host). */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { buildSite, REPO_ROOT } from './site.ts';

const outDir = join(REPO_ROOT, 'dist');
const site = await buildSite({ minify: true, offline: true });
await rm(outDir, { recursive: true, force: true });
let bytes = 0;
for (const [path, file] of site) {
  const target = join(outDir, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, file.body);
  bytes += file.body.byteLength;
}
console.log(`wrote ${site.size} files (${(bytes / 1024).toFixed(0)} KiB) to ${outDir}`);
