import { join } from 'node:path';
import { encodeReplay } from '../../common/personal/replaySet.ts';
import { defineCli } from '../process/flags.ts';
import { writeFileAtomic } from '../data/files.ts';
import { DATA_DIR_FLAG, loadMnistSplit } from '../data/mnist.ts';
import { pickReplay } from '../data/replay.ts';

const CLI = defineCli({
  command: 'npm run make-replay -- [options]',
  about: `  Writes the replay set that fine-tuning mixes into every batch: a balanced sample of MNIST training
  digits, preprocessed as the game preprocesses a drawing, as uint8 (common/personal/replaySet.ts).`,
  flags: {
    out: { type: 'string', arg: 'F', help: 'the file', default: join('assets', 'replay', 'mnist-replay.bin') },
    // 200 of each digit: a teach draws far fewer replay rows than that, and the file stays ~1.5 MB
    'per-class': { type: 'integer', help: 'digits of each class', default: 200 },
    seed: { type: 'integer', help: 'which digits', default: 1 },
    'data-dir': DATA_DIR_FLAG,
  },
});

await CLI.run(async ({ values }) => {
  const { out, seed } = values;
  const perClass = values['per-class'];
  console.log(`replay set: ${perClass} digits per class, seed ${seed}, into ${out}`);
  const bytes = encodeReplay(pickReplay(await loadMnistSplit('train', { dataDir: values['data-dir'] }), perClass, seed));
  await writeFileAtomic(out, bytes);
  console.log(`wrote ${out}: ${bytes.length} bytes`);
});
