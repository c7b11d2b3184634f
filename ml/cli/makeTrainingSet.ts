import { join } from 'node:path';
import { encodeTrainingSet, TRAINING_SET_PATH } from '../../common/train/trainingSet.ts';
import { defineCli } from '../process/flags.ts';
import { writeFileAtomic } from '../data/files.ts';
import { DATA_DIR_FLAG, loadMnistSplit } from '../data/mnist.ts';
import { pickReplay } from '../data/replay.ts';

const CLI = defineCli({
  command: 'npm run make-training-set -- [options]',
  about: `  Writes the data the Train mode trains a network on in the page: a balanced sample of MNIST training
  digits to learn from and of MNIST test digits held out to measure it, both preprocessed as the game
  preprocesses a drawing, as uint8 with a checksum (common/train/trainingSet.ts).`,
  flags: {
    out: { type: 'string', arg: 'F', help: 'the file', default: join('assets', TRAINING_SET_PATH) },
    // 400 of each: 95 % on held-out digits within seconds, and the download stays under 4 MB
    'train-per-class': { type: 'integer', help: 'training digits of each class', default: 400 },
    // 100 of each: the 1,000 held-out digits the accuracy curve and the benchmark are measured on
    'held-out-per-class': { type: 'integer', help: 'MNIST test digits of each class, held out', default: 100 },
    seed: { type: 'integer', help: 'which digits', default: 1 },
    'data-dir': DATA_DIR_FLAG,
  },
});

await CLI.run(async ({ values }) => {
  const { out, seed } = values;
  const trainPerClass = values['train-per-class'];
  const heldOutPerClass = values['held-out-per-class'];
  console.log(`training set: ${trainPerClass} training and ${heldOutPerClass} held-out test digits per class, seed ${seed}, into ${out}`);
  const options = { dataDir: values['data-dir'] };
  const [train, test] = await Promise.all([loadMnistSplit('train', options), loadMnistSplit('test', options)]);
  const bytes = encodeTrainingSet({ train: pickReplay(train, trainPerClass, seed), heldOut: pickReplay(test, heldOutPerClass, seed) });
  await writeFileAtomic(out, bytes);
  console.log(`wrote ${out}: ${bytes.length} bytes`);
});
