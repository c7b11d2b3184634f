import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceDirectory, type SwapStep } from '../../ml/data/directorySwap.ts';

// A save killed for real: replaces argv[2] with the files of argv[3] and SIGKILLs itself just before
// step argv[4], so nothing of the replace's own clean-up runs (test/ml/data/directorySwap.test.ts).
const [target, source, killAt] = process.argv.slice(2);
if (target === undefined || source === undefined || killAt === undefined) throw new Error('usage: killedSwap.ts TARGET SOURCE STEP');
const files: Record<string, Uint8Array> = {};
for (const name of (await readdir(source)).sort()) files[name] = await readFile(join(source, name));
await replaceDirectory(target, files, {
  beforeStep: (step: SwapStep) => {
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
  },
});
console.log('replaced');
