import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Every file under `path` with a hash of its bytes (folders as 'dir'), to show nothing was touched. */
export async function snapshot(path: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (p: string, name: string): Promise<void> => {
    if (!(await stat(p)).isDirectory()) {
      out[name] = createHash('sha256').update(await readFile(p)).digest('hex');
      return;
    }
    out[`${name}/`] = 'dir';
    for (const entry of (await readdir(p)).sort()) await walk(join(p, entry), `${name}/${entry}`);
  };
  await walk(path, '.');
  return out;
}
