import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { countPerClass, examplesNeeded, firstPerClass, MIN_EXAMPLES } from '../../common/personal/examples.ts';
import { FINE_TUNE_DEFAULTS, teach } from '../../common/personal/fineTune.ts';
import { REPLAY_PATH, decodeReplay } from '../../common/personal/replaySet.ts';
import { BACKEND_FLAG, initBackend } from '../backend/backend.ts';
import { idxExamples } from '../data/idxExamples.ts';
import { readIdxPair } from '../data/idxPair.ts';
import { defineCli } from '../process/flags.ts';
import { UsageError } from '../process/options.ts';
import { checkDigitModel, loadModel, provenance, weightBytes } from '../models/modelFiles.ts';
import { checkModelOutput, readMetadata, writeModelOutput } from './modelOutput.ts';

const CLI = defineCli({
  command: 'npm run finetune -- --model DIR --images F --labels F --out DIR [options]',
  about: `  Teaches a model one writer's digits (the game's My digits export, or any IDX pair) with the same
  code the game's Teach button runs (common/personal/fineTune.ts), and saves the personal model.`,
  flags: {
    model: { type: 'string', arg: 'DIR', help: 'the base model (a tfjs layers model directory)' },
    images: { type: 'string', arg: 'F', help: `IDX images, uint8, white ink on black, at least ${MIN_EXAMPLES} digits` },
    labels: { type: 'string', arg: 'F', help: 'their IDX labels' },
    normalize: { type: 'choice', choices: ['on', 'off'], help: "run the shared MNIST-style preprocessing first; required for sizes other\nthan 28x28 (the game's export is already preprocessed)", default: 'off' },
    'examples-per-class': { type: 'integer', arg: 'K', help: 'teach only the first K digits of each class' },
    out: { type: 'string', arg: 'DIR', help: 'where to save the personal model (model.json, weights.bin, metadata.json)' },
    force: { type: 'boolean', help: 'replace a model already at --out' },
    replay: { type: 'string', arg: 'F', help: 'the MNIST replay set', default: join('assets', REPLAY_PATH) },
    steps: { type: 'integer', help: 'training steps', default: FINE_TUNE_DEFAULTS.steps },
    folds: { type: 'integer', help: 'folds of the rotating hold-out that measures before/after (1: none)', default: FINE_TUNE_DEFAULTS.folds },
    seed: { type: 'integer', help: 'hold-out, batches and augmentation', default: FINE_TUNE_DEFAULTS.seed },
    backend: BACKEND_FLAG,
  },
});

await CLI.run(async ({ values }) => {
  if (!values.model) throw new UsageError('--model DIR is required');
  if (!values.images || !values.labels) throw new UsageError('--images F and --labels F are required');
  if (!values.out) throw new UsageError('--out DIR is required');
  const normalize = values.normalize === 'on';
  const perClass = values['examples-per-class'];
  const replayFile = values.replay;
  const options = { steps: values.steps, folds: values.folds, seed: values.seed };
  const plan = await checkModelOutput(values.out, { flag: '--out', force: values.force });
  const backend = await initBackend(values.backend);

  // every input is read and checked before any training, so a bad one costs nothing and writes nothing
  const read = idxExamples(await readIdxPair(values.images, values.labels), normalize);
  if (read.blank > 0) throw new UsageError(`${values.images}: ${read.blank} image(s) have no ink to learn from; remove them`);
  const own = perClass === undefined ? read.examples : firstPerClass(read.examples, perClass);
  const needed = examplesNeeded(own.labels);
  if (needed > 0) throw new UsageError(`${values.images}: ${own.labels.length} digit(s) to teach; fine-tuning needs at least ${MIN_EXAMPLES}, so ${needed} more`);
  let replayBytes: Uint8Array;
  try {
    replayBytes = new Uint8Array(await readFile(replayFile));
  } catch (error) {
    throw new UsageError(`cannot read the replay set ${replayFile} (npm run make-replay writes it): ${(error as Error).message}`);
  }
  const replay = decodeReplay(replayBytes, replayFile);
  const base = await loadModel(values.model);
  checkDigitModel(base, values.model);
  const baseMetadata = await readMetadata(values.model).catch((): Record<string, unknown> => ({}));
  const settings = { ...FINE_TUNE_DEFAULTS, ...options };
  console.log(`base ${values.model} on ${backend.description}`);
  console.log(`teaching ${own.labels.length} digits (per class ${countPerClass(own.labels).join(' ')}) with ${replay.labels.length} replay digits`);
  console.log(`options ${JSON.stringify(settings)}`);

  const started = performance.now();
  const result = await teach(tf, base, own, replay, options);
  const seconds = (performance.now() - started) / 1000;
  const { heldOut } = result;
  const figure = heldOut.n === 0 ? 'no digits held out (--folds 1)' : `${heldOut.n} digits, each read by a model taught without it: ${(100 * heldOut.before).toFixed(1)} % before, ${(100 * heldOut.after).toFixed(1)} % after`;
  console.log(`taught in ${seconds.toFixed(1)} s: ${figure}; prototype weight ${result.prototypeWeight}; temperature refitted to ${result.temperature.toFixed(3)}`);
  const description = typeof baseMetadata.description === 'string' ? baseMetadata.description : 'a digit model';
  await writeModelOutput(plan, result.model, {
    name: values.out.split(/[\\/]/).at(-1),
    arch: typeof baseMetadata.arch === 'string' ? baseMetadata.arch : 'unknown',
    description: `${description}, fine-tuned on ${own.labels.length} digits of one writer`,
    baseModel: { dir: values.model, name: baseMetadata.name ?? null, testAccuracy: baseMetadata.testAccuracy ?? null },
    // not measured here: fine-tuning reads no MNIST test set (npm run evaluate does)
    testAccuracy: null,
    examples: { images: values.images, labels: values.labels, normalize, n: own.labels.length, perClass: countPerClass(own.labels), examplesPerClass: perClass ?? null },
    replay: { file: replayFile, n: replay.labels.length },
    fineTune: settings,
    heldOut: { n: heldOut.n, accuracyBefore: heldOut.n === 0 ? null : heldOut.before, accuracyAfter: heldOut.n === 0 ? null : heldOut.after },
    prototypeWeight: result.prototypeWeight,
    temperature: result.temperature,
    trainingSeconds: seconds,
    parameters: result.model.countParams(),
    weightBytes: weightBytes(result.model),
    ...provenance(backend.name),
  });
  console.log(`saved ${values.out}`);
  result.model.dispose();
  base.dispose();
});
