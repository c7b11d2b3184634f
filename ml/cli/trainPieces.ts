import { basename } from 'node:path';
import { rm } from 'node:fs/promises';
import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../../common/digit.ts';
import { createRandom } from '../../common/random.ts';
import { BACKEND_FLAG, initBackend } from '../backend/backend.ts';
import { checkResumeFlags, checkpointDir, loadCheckpoint, saveCheckpoint, type PieceRun } from '../training/checkpoint.ts';
import { UsageError } from '../process/options.ts';
import { defineCli } from '../process/flags.ts';
import { TrainingProgress } from '../process/trainingProgress.ts';
import { InterruptedError, yieldToSignals } from '../process/interrupt.ts';
import { percent } from '../eval/metrics.ts';
import { DATA_DIR_FLAG, loadMnist } from '../data/mnist.ts';
import { provenance, weightBytes } from '../models/modelFiles.ts';
import { PIECE_ROLE, checkModelOutput, writeModelOutput } from './modelOutput.ts';
import { PIECE_RECIPE, buildPieceModel } from '../models/pieceModel.ts';
import { NOT_ONE_DIGIT, PIECE_CHANNELS } from '../../common/segmentation/readNumber.ts';
import { buildPieceSet, type PieceSet } from '../numbers/pieces.ts';
import type { LabelledImages } from '../data/labelledImages.ts';
import { train } from '../training/loop.ts';

const CLI = defineCli({
  command: 'npm run train-pieces -- [options]',
  about: `  Trains the piece verifier the Number mode uses to choose where touching digits are cut: pieces
  proposed by the segmentation for synthetic numbers made of MNIST training digits, labelled with
  their digit or as "not one digit".`,
  flags: {
    numbers: { type: 'integer', help: 'synthetic numbers to cut into training pieces', default: 12000 },
    epochs: { type: 'integer', help: "override the recipe's epochs" },
    seed: { type: 'integer', help: 'numbers, initialisation and shuffling seed', default: 1 },
    out: { type: 'string', arg: 'DIR', help: 'where the model goes; an existing model there is only\nreplaced with --force', default: 'assets/models/pieces' },
    force: { type: 'boolean', help: 'replace the model at --out (kept as a backup until the new one is saved)' },
    resume: { type: 'boolean', help: "continue the interrupted run saved beside --out (Ctrl-C saves one); the\nrun's flags come from its checkpoint (giving a different one is an error)" },
    backend: BACKEND_FLAG,
    'data-dir': DATA_DIR_FLAG,
  },
});

/** Validation pieces come from their own numbers, an eighth as many. */
const VALIDATION_SHARE = 8;

await CLI.run(async (args) => {
  const { values, given } = args;
  const { out } = values;
  const fresh: PieceRun = {
    arch: 'pieces',
    recipe: { ...PIECE_RECIPE, epochs: values.epochs ?? PIECE_RECIPE.epochs },
    seed: values.seed,
    numbers: values.numbers,
  };
  const plan = await checkModelOutput(out, { flag: '--out', force: values.force });
  console.log(`options     ${CLI.describe(values)}`);
  const backend = await initBackend(values.backend);
  console.log(`backend     ${backend.description}`);
  const resumeFrom = checkpointDir(out);
  const checkpoint = values.resume ? await loadCheckpoint(resumeFrom) : undefined;
  const resumed = checkpoint?.run;
  if (resumed && resumed.arch !== 'pieces') throw new UsageError(`${resumeFrom} is a digit model's checkpoint: resume it with npm run train -- --resume`);
  if (resumed) {
    checkResumeFlags(
      resumeFrom,
      { numbers: given.has('numbers') ? fresh.numbers : undefined, epochs: given.has('epochs') ? fresh.recipe.epochs : undefined, seed: given.has('seed') ? fresh.seed : undefined },
      { numbers: resumed.numbers, epochs: resumed.recipe.epochs, seed: resumed.seed },
    );
  }
  const resumeCommand = `npm run train-pieces -- --resume --out ${out}${plan.replaces ? ' --force' : ''}`;
  const run: PieceRun = resumed ?? fresh;
  const { recipe, seed, numbers } = run;
  if (checkpoint) console.log(`resuming    epoch ${checkpoint.resume.state.epoch}, step ${checkpoint.resume.state.step} of ${JSON.stringify({ seed, numbers, epochs: recipe.epochs })} from ${resumeFrom}`);
  const mnist = await loadMnist({ dataDir: values['data-dir'] });
  // The same seed cuts the same pieces, so a resumed run sees exactly the data it stopped on.
  const random = createRandom(seed);
  const started = performance.now();
  const trainSet = asTensors(buildPieceSet(mnist.train.images, mnist.train.labels, random, numbers));
  const validation = asTensors(buildPieceSet(mnist.train.images, mnist.train.labels, random, Math.ceil(numbers / VALIDATION_SHARE)));
  const share = (set: LabelledImages) => set.labels.reduce((sum, l) => sum + (l !== NOT_ONE_DIGIT ? 1 : 0), 0) / set.labels.length;
  console.log(`data        ${trainSet.labels.length} training pieces (${percent(share(trainSet), 1)} one digit), ${validation.labels.length} validation, cut in ${((performance.now() - started) / 1000).toFixed(0)} s`);

  const model = checkpoint?.model ?? buildPieceModel(seed);
  const stepsPerEpoch = Math.ceil(trainSet.labels.length / recipe.batchSize);
  const progress = new TrainingProgress({
    stepsPerEpoch,
    epochs: recipe.epochs,
    stepsDone: checkpoint ? checkpoint.resume.state.epoch * stepsPerEpoch + checkpoint.resume.state.step : 0,
    batchSize: recipe.batchSize,
    lineSteps: false,
    afterTraining: `stopping before the model is saved; ${out} stays as it is`,
  });
  try {
    const result = await train(model, {
      recipe,
      seed,
      train: trainSet,
      validation,
      evaluateEvery: 0.5,
      keepBest: true,
      ...(checkpoint ? { resume: checkpoint.resume } : {}),
      shouldStop: progress.stopRequested,
      // the last one, written when the loop has ended, lets a Ctrl-C before the save be resumed
      onCheckpoint: (c) => saveCheckpoint(resumeFrom, model, run, c),
      onStep: (s) => { progress.step(s); },
      onEvaluate: (p) => {
        progress.evaluated(p.epoch, `epoch ${p.epoch.toFixed(2)}  train loss ${p.trainLoss.toFixed(4)}  validation ${percent(p.validationAccuracy)}  ${p.seconds.toFixed(0)} s`);
      },
    });
    progress.endTraining();
    if (result.stopped === 'interrupted') {
      console.log(`interrupted at epoch ${result.state.epoch}, step ${result.state.step}; ${out} is unchanged; resume with: ${resumeCommand}`);
      process.exitCode = 130;
      return;
    }
    await yieldToSignals();
    if (progress.stopRequested()) throw new InterruptedError();
    // the accuracy of the weights the model ends with, measured when train() selected them
    const validationAccuracy = result.selected?.validationAccuracy ?? Number.NaN;
    const metadata = {
      name: basename(out),
      role: PIECE_ROLE,
      arch: 'pieces',
      description: 'Piece verifier for the Number mode: is a proposed piece, seen with the ink around it, exactly one digit, and which?',
      recipe,
      seed,
      numbers,
      trainingPieces: trainSet.labels.length,
      oneDigitShare: share(trainSet),
      selectedEpoch: result.selected?.epoch ?? null,
      validationAccuracy,
      parameters: model.countParams(),
      weightBytes: weightBytes(model),
      trainingSeconds: Math.round(result.state.seconds),
      ...provenance(backend.description),
    };
    await writeModelOutput(plan, model, metadata, {
      beforeStep: (step) => {
        if (step === 'set-aside' && progress.stopRequested()) throw new InterruptedError();
      },
    });
    await rm(resumeFrom, { recursive: true, force: true });
    console.log(`\nvalidation accuracy ${percent(validationAccuracy)} (${validation.labels.length} pieces); saved ${out} after ${metadata.trainingSeconds} s`);
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    console.log(`interrupted after training, before saving: ${out} is unchanged; ${resumeCommand} saves the trained run from ${resumeFrom}`);
    process.exitCode = 130;
  } finally {
    progress.dispose();
  }
});

function asTensors(set: PieceSet): LabelledImages {
  return { images: tf.tensor4d(set.pixels, [set.labels.length, IMAGE_SIZE, IMAGE_SIZE, PIECE_CHANNELS]), labels: set.labels };
}
