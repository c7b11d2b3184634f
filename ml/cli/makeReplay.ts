import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeReplay } from '../../common/personal/replaySet.ts';
import { SHARED_FLAGS, positiveInteger, runCli } from '../process/options.ts';
import { writeFileAtomic } from '../data/files.ts';
import { loadMnistSplit } from '../data/mnist.ts';
import { pickReplay } from '../data/replay.ts';

const DEFAULTS = {
  out: join('assets', 'replay', 'mnist-replay.bin'),
  // 200 of each digit: a teach draws far fewer replay rows than that, and the file stays ~1.5 MB
  perClass: 200,
  seed: 1,
} as const;

const USAGE = `usage: npm run make-replay -- [options]
  Writes the replay set that fine-tuning mixes into every batch: a balanced sample of MNIST training
  digits, preprocessed as the game preprocesses a drawing, as uint8 (common/personal/replaySet.ts).
  --out F                  the file (default: ${DEFAULTS.out})
  --per-class N            digits of each class (default: ${DEFAULTS.perClass})
  --seed N                 which digits (default: ${DEFAULTS.seed})
  --data-dir DIR           MNIST files (default: $MNIST_DIR, else a per-user cache)`;

await runCli(USAGE, async () => {
  const { values } = parseArgs({
    strict: true,
    allowPositionals: false,
    options: {
      ...SHARED_FLAGS,
      out: { type: 'string' },
      'per-class': { type: 'string' },
      seed: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const out = values.out ?? DEFAULTS.out;
  const perClass = positiveInteger('per-class', values['per-class'], DEFAULTS.perClass);
  const seed = positiveInteger('seed', values.seed, DEFAULTS.seed);
  console.log(`replay set: ${perClass} digits per class, seed ${seed}, into ${out}`);
  const bytes = encodeReplay(pickReplay(await loadMnistSplit('train', { dataDir: values['data-dir'] }), perClass, seed));
  await writeFileAtomic(out, bytes);
  console.log(`wrote ${out}: ${bytes.length} bytes`);
});
