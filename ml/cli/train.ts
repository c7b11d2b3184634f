import { rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { BACKEND_FLAG, initBackend } from '../backend/backend.ts';
import { checkResumeFlags, checkpointDir, loadCheckpoint, saveCheckpoint, type DigitRun } from '../training/checkpoint.ts';
import { InterruptedError, yieldToSignals } from '../process/interrupt.ts';
import { TrainingProgress } from '../process/trainingProgress.ts';
import { UsageError } from '../process/options.ts';
import { defineCli } from '../process/flags.ts';
import { asLabelledImages, splitTraining } from '../data/splits.ts';
import { defaultWorkers } from '../training/parallel/dataParallel.ts';
import { formatConfusion, percent, score } from '../eval/metrics.ts';
import { DATA_DIR_FLAG, loadMnist } from '../data/mnist.ts';
import { ARCHITECTURES, DESCRIPTIONS, RECIPES, buildModel, type ArchName } from '../models/architectures.ts';
import { provenance, weightBytes } from '../models/modelFiles.ts';
import { checkModelOutput, writeModelOutput } from './modelOutput.ts';
import { downloadProgressBar } from '../process/progress.ts';
import { calibrate } from '../models/temperature.ts';
import { train } from '../training/loop.ts';
import { NUM_CLASSES } from '../../common/digit.ts';
import { OUTPUTS_WITH_REJECTION } from '../../common/reading.ts';
import { loadModel } from '../models/modelFiles.ts';
import { warmStart } from '../models/warmStart.ts';
import { argMaxRows, digitColumns, predictProbabilities } from '../models/predict.ts';
import { PEN_CREDIT, resolvePenDir } from '../data/pen.ts';
import { joinWithMnist } from '../training/penMix.ts';
import { PEN_DRAWING, REJECT_TARGET, chooseRejection, loadPenMix } from '../training/penTraining.ts';

/** Where a model goes by default: a folder named after its architecture in here. */
const MODELS_DIR = 'assets/models';

const CLI = defineCli({
  command: 'npm run train -- [options]',
  flags: {
    arch: { type: 'choice', choices: ARCHITECTURES, help: 'architecture and its recipe', default: 'default' },
    epochs: { type: 'integer', help: "override the recipe's epochs" },
    'batch-size': { type: 'integer', help: "override the recipe's batch size" },
    lr: { type: 'number', help: "override the recipe's peak learning rate" },
    seed: { type: 'integer', help: 'initialisation, shuffling and augmentation seed', default: 1 },
    limit: { type: 'integer', help: 'train on the first N training images only' },
    // no default here: it depends on --arch, so the help says it
    out: { type: 'string', arg: 'DIR', help: `where the model goes (default: ${MODELS_DIR}/<arch>); an existing\nmodel there is only replaced with --force` },
    force: { type: 'boolean', help: 'replace the model at --out (kept as a backup until the new one is saved)' },
    resume: { type: 'boolean', help: "continue the interrupted run saved beside --out; the run's flags come\nfrom its checkpoint (giving a different one is an error)" },
    backend: BACKEND_FLAG,
    'target-accuracy': { type: 'fraction', arg: 'A', help: 'stop once validation accuracy reaches A (0..1)' },
    'evaluate-every': { type: 'fraction', arg: 'F', help: 'validate every F of an epoch', default: 1 },
    // no default here: it depends on the backend and the data, so the help says it
    workers: { type: 'integer', help: 'threads computing each step\'s gradients, 1 = single-threaded\n(default on wasm/cpu: all cores, at most one per 64 images of a\nbatch, from 10,000 training images on)' },
    'log-steps': { type: 'boolean', help: 'print a line per training step instead of the progress bar' },
    'data-dir': DATA_DIR_FLAG,
    'pen-dir': { type: 'string', arg: 'DIR', help: 'real pen handwriting (UNIPEN digits.json.gz + letters.json.gz, e.g.\n../shared/data/pen; default: $PEN_DIR): with it, every architecture but\nseed also learns real pen digits and a "not a digit" output; without\nit, MNIST only' },
    'pen-copies': { type: 'integer', help: `distorted drawings of each training writer's pen digit: the weight of\nreal hands against MNIST (default ${PEN_DRAWING.digitCopies})` },
    'pen-warp': { type: 'fraction', arg: 'F', help: 'bend each pen path by a smooth field of up to F of its size (default 0)' },
    init: { type: 'string', arg: 'DIR', help: 'start from this model\'s weights (same architecture; a last layer with\nfewer outputs gives its columns to the digits)' },
    teacher: { type: 'string', arg: 'DIR', help: 'the MNIST-only model that decides which half-drawn digits are already\na digit', default: 'assets/models/seed' },
  },
  notes: `Ctrl-C stops after the current step and saves a checkpoint beside --out; after training, it stops
before the model is saved, leaving --out as it was.`,
});

await CLI.run(async (args) => {
  const { values, given } = args;
  const { arch } = values;
  const out = values.out ?? join(MODELS_DIR, arch);
  const base = RECIPES[arch];
  const recipe = {
    ...base,
    epochs: values.epochs ?? base.epochs,
    batchSize: values['batch-size'] ?? base.batchSize,
    learningRate: values.lr ?? base.learningRate,
  };
  const { seed, limit } = values;
  const targetAccuracy = values['target-accuracy'];
  const evaluateEvery = values['evaluate-every'];
  const plan = await checkModelOutput(out, { flag: '--out', force: values.force });

  const backend = await initBackend(values.backend);
  const resumeFrom = checkpointDir(out);
  const checkpoint = values.resume ? await loadCheckpoint(resumeFrom) : undefined;
  if (checkpoint?.run.arch === 'pieces') throw new UsageError(`${resumeFrom} is a piece verifier's checkpoint: resume it with npm run train-pieces -- --resume`);
  if (checkpoint) {
    const saved = checkpoint.run;
    checkResumeFlags(
      resumeFrom,
      {
        // only the flags given on this command line: the others come from the checkpoint
        arch: given.has('arch') ? arch : undefined,
        epochs: values.epochs,
        'batch-size': values['batch-size'],
        lr: values.lr,
        seed: given.has('seed') ? seed : undefined,
        limit,
      },
      { arch: saved.arch, epochs: saved.recipe.epochs, 'batch-size': saved.recipe.batchSize, lr: saved.recipe.learningRate, seed: saved.seed, limit: saved.limit },
    );
  }
  const penDir = run0PenDir(values['pen-dir'], arch);
  const run: DigitRun = checkpoint?.run ?? { arch, recipe, seed, limit: limit ?? null, pen: penDir !== undefined, penCopies: values['pen-copies'] ?? PEN_DRAWING.digitCopies, penWarp: values['pen-warp'] ?? PEN_DRAWING.warp, init: values.init ?? null };
  const resumeCommand = `npm run train -- --resume --out ${out}${plan.replaces ? ' --force' : ''}`;
  console.log(`backend     ${backend.description}`);
  console.log(`run         ${JSON.stringify({ ...run, out, targetAccuracy, evaluateEvery })}`);
  if (checkpoint) console.log(`resuming    epoch ${checkpoint.resume.state.epoch}, step ${checkpoint.resume.state.step} from ${resumeFrom}`);

  const mnist = await loadMnist({ dataDir: values['data-dir'], progress: downloadProgressBar(), log: console.log });
  const mnistSplits = splitTraining(mnist.train, run.limit ?? undefined);
  const test = asLabelledImages(mnist.test);
  console.log(`data        ${mnistSplits.train.labels.length} training, ${mnistSplits.validation.labels.length} validation, ${test.labels.length} test images from ${mnist.dir}`);
  const pen = run.pen ? await loadPenMix(penDirOrFail(values['pen-dir']), values.teacher, run.seed, { digitCopies: run.penCopies ?? PEN_DRAWING.digitCopies, warp: run.penWarp ?? PEN_DRAWING.warp }) : undefined;
  const trainSet = pen ? joinWithMnist(mnistSplits.train, pen.train) : mnistSplits.train;
  const validation = pen ? joinWithMnist(mnistSplits.validation, pen.validation) : mnistSplits.validation;
  if (pen) {
    console.log(`pen         training ${JSON.stringify(pen.train.counts)}, validation ${JSON.stringify(pen.validation.counts)} from ${pen.dir}`);
    console.log(`            ${PEN_CREDIT}`);
  }

  const workers = values.workers ?? defaultWorkers(trainSet.labels.length, run.recipe.batchSize);
  console.log(`threads     ${workers}${workers > 1 ? ` (this one and ${workers - 1} gradient worker${workers > 2 ? 's' : ''}, each on a slice of every batch)` : ''}`);

  const outputs = run.pen ? OUTPUTS_WITH_REJECTION : NUM_CLASSES;
  const model = checkpoint?.model ?? buildModel(run.arch, run.seed, outputs);
  if (!checkpoint && run.init) {
    const from = await loadModel(run.init);
    const { copied, partial } = warmStart(model, from);
    from.dispose();
    console.log(`init        from ${run.init}: ${copied} weights copied, ${partial} extended`);
  }
  const parameters = model.countParams();
  console.log(`model       ${run.arch}: ${parameters} parameters, ${outputs} outputs`);

  const stepsPerEpoch = Math.ceil(trainSet.labels.length / run.recipe.batchSize);
  const progress = new TrainingProgress({
    stepsPerEpoch,
    epochs: run.recipe.epochs,
    stepsDone: checkpoint ? checkpoint.resume.state.epoch * stepsPerEpoch + checkpoint.resume.state.step : 0,
    batchSize: run.recipe.batchSize,
    lineSteps: values['log-steps'],
    afterTraining: `stopping before the model is saved; ${out} stays as it is`,
  });
  try {
    const result = await train(model, {
      recipe: run.recipe,
      seed: run.seed,
      train: trainSet,
      validation,
      evaluateEvery,
      keepBest: true,
      workers,
      ...(targetAccuracy !== undefined ? { targetAccuracy } : {}),
      ...(checkpoint ? { resume: checkpoint.resume } : {}),
      shouldStop: progress.stopRequested,
      onStep: (s) => { progress.step(s); },
      onEvaluate: (p) => {
        progress.evaluated(p.epoch, `epoch ${p.epoch.toFixed(2)}  train loss ${p.trainLoss.toFixed(4)}  train acc ${percent(p.trainAccuracy)}  validation ${percent(p.validationAccuracy)}  ${p.seconds.toFixed(0)} s`);
      },
      // the last one, written when the loop has ended, lets a Ctrl-C during the steps below be resumed
      onCheckpoint: (c) => saveCheckpoint(resumeFrom, model, run, c),
    });
    progress.endTraining();

    if (result.stopped === 'interrupted') {
      console.log(`interrupted at epoch ${result.state.epoch}, step ${result.state.step} (${progress.stepsDone()} steps done); ${out} is unchanged; resume with: ${resumeCommand}`);
      process.exitCode = 130;
      return;
    }
    const honourCtrlC = async () => {
      await yieldToSignals();
      if (progress.stopRequested()) throw new InterruptedError();
    };
    await honourCtrlC();
    const temperature = calibrate(model, validation);
    console.log(`calibrated  temperature ${temperature.toFixed(3)} fitted on the validation images, baked into the last layer`);
    await honourCtrlC();
    const testProbabilities = predictProbabilities(model, test.images);
    const testScores = score(argMaxRows(digitColumns(testProbabilities, outputs), NUM_CLASSES), test.labels);
    const rejection = pen ? chooseRejection(model, mnistSplits.validation, pen.validationDigits, testProbabilities) : undefined;
    if (rejection) console.log(`rejection   "not a digit" from ${rejection.threshold.toFixed(3)}, chosen to turn away ${percent(REJECT_TARGET)} of validation digits: ${percent(rejection.validationRejected)} there, ${percent(rejection.testRejected)} of MNIST test`);
    await honourCtrlC();
    const validationAccuracy = result.selected?.validationAccuracy ?? Number.NaN;
    const bytes = weightBytes(model);
    const metadata = {
      name: basename(out),
      arch: run.arch,
      description: pen ? `${DESCRIPTIONS[run.arch]}; MNIST and real pen digits (UNIPEN), with a "not a digit" output` : DESCRIPTIONS[run.arch],
      recipe: run.recipe,
      seed: run.seed,
      limit: run.limit,
      epochs: result.state.epoch + result.state.step / stepsPerEpoch,
      stopped: result.stopped,
      selectedEpoch: result.selected?.epoch ?? null,
      validationAccuracy,
      temperature,
      testAccuracy: testScores.accuracy,
      perClass: testScores.perClass,
      confusion: testScores.confusion,
      parameters,
      weightBytes: bytes,
      trainingSeconds: Math.round(result.state.seconds),
      workers,
      ...provenance(backend.description),
      history: result.state.history,
      ...(run.init ? { init: run.init } : {}),
      ...(rejection ? { outputs, rejection: { ...rejection, falseRejectTarget: REJECT_TARGET } } : {}),
      data: pen ? ['MNIST', PEN_CREDIT] : ['MNIST'],
      ...(pen ? { pen: { train: pen.train.counts, validation: pen.validation.counts, writers: 'ml/data/pen.ts writerParts: training writers only' } } : {}),
    };
    await writeModelOutput(plan, model, metadata, {
      // the last moment to stop: after it the old model is set aside and the new one takes its place
      beforeStep: (step) => {
        if (step === 'set-aside' && progress.stopRequested()) throw new InterruptedError();
      },
    });
    await rm(resumeFrom, { recursive: true, force: true });
    console.log(`\ntest accuracy ${percent(testScores.accuracy)} (${testScores.n} images), validation ${percent(validationAccuracy)} (weights of epoch ${result.selected?.epoch.toFixed(2) ?? '-'})`);
    console.log(`per class     ${testScores.perClass.map((a, d) => `${d}:${percent(a, 1)}`).join('  ')}`);
    console.log(formatConfusion(testScores.confusion));
    console.log(`saved ${out} (${parameters} parameters, ${(bytes / 1024).toFixed(0)} KiB) after ${metadata.trainingSeconds} s on ${backend.description}, ${workers} training thread${workers === 1 ? '' : 's'}`);
  } catch (error) {
    if (!(error instanceof InterruptedError)) throw error;
    console.log(`interrupted after training, before saving: ${out} is unchanged; the trained run is in ${resumeFrom}, and ${resumeCommand} calibrates, tests and saves it`);
    process.exitCode = 130;
  } finally {
    progress.dispose();
  }
});

/** The pen folder for this run, or undefined (with the reason said) when it trains on MNIST alone. */
function run0PenDir(flag: string | undefined, arch: ArchName): string | undefined {
  const dir = resolvePenDir({ dataDir: flag });
  if (arch === 'seed') {
    if (dir) console.log('pen         not used: seed is the original project\'s network and recipe, on MNIST only');
    return undefined;
  }
  if (!dir) console.log('pen         no real pen data (set PEN_DIR or --pen-dir to a folder with digits.json.gz and letters.json.gz): MNIST only, without a "not a digit" output');
  return dir;
}

function penDirOrFail(flag: string | undefined): string {
  const dir = resolvePenDir({ dataDir: flag });
  if (!dir) throw new UsageError('this run was started with real pen data: give --pen-dir or PEN_DIR again to resume it');
  return dir;
}
