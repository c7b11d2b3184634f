import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { TRAIN_WORKER_PATH } from '../common/train/protocol.ts';

const TRAIN_WORKER_ENTRY = fileURLToPath(new URL('../ml/worker/trainWorker.ts', import.meta.url));

/**
 * train/worker.js: the Train mode's worker (ml/worker/trainWorker.ts) with tfjs and its WASM
 * backend bundled in, a classic script (module workers arrived late in some browsers). The page
 * bundle is not shared with it: a worker loads its own scripts, and this one only when the player
 * opens Train.
 */
export async function trainWorkerScript(minify: boolean): Promise<Uint8Array> {
  const result = await esbuild.build({
    entryPoints: [TRAIN_WORKER_ENTRY],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
    minify,
    legalComments: 'none',
    write: false,
    outfile: join('dist', TRAIN_WORKER_PATH),
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (output === undefined) throw new Error(`esbuild wrote nothing for ${TRAIN_WORKER_ENTRY}`);
  return output.contents;
}
