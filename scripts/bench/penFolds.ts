import * as tf from '@tensorflow/tfjs';
import { OUTPUTS_WITH_REJECTION } from '../../common/reading.ts';
import { loadMnist } from '../../ml/data/mnist.ts';
import type { LabelledImages } from '../../ml/data/labelledImages.ts';
import { PEN_CREDIT, loadPenFile, samplesOf, writerParts, type PenSample, type WriterPart } from '../../ml/data/pen.ts';
import { asLabelledImages, splitTraining, type TrainingSplits } from '../../ml/data/splits.ts';
import type { DigitFigures, LetterFigures } from '../../ml/eval/penEval.ts';
import { percent } from '../../ml/eval/metrics.ts';
import { RECIPES, buildModel } from '../../ml/models/architectures.ts';
import { loadModel } from '../../ml/models/modelFiles.ts';
import { predictProbabilities } from '../../ml/models/predict.ts';
import { readerAt } from '../../ml/models/modelReading.ts';
import { calibrate } from '../../ml/models/temperature.ts';
import { warmStart } from '../../ml/models/warmStart.ts';
import { train } from '../../ml/training/loop.ts';
import { joinWithMnist } from '../../ml/training/penMix.ts';
import { PEN_DRAWING, buildPenMix, chooseRejection, type PenDrawing } from '../../ml/training/penTraining.ts';
import { logRow, readRow, shapeImages, type PenBenchRow } from './pen.ts';

/**
 * `npm run bench -- pen-folds`: the pen recipe measured on every writer instead of the fixed test
 * fifth. Within each group the writers are dealt into `folds` folds (ml/data/pen.ts); for each fold
 * a model is trained from `init` on MNIST and the pen mix of the other folds' writers (a tenth of
 * them validating: epoch, temperature, "not a digit" threshold), then reads the fold's writers.
 * Their figures are pooled, so each of the 149 writers counts once, read by a model that never saw
 * them. It measures the recipe, not the shipped model.
 */

export interface PenFoldsOptions {
  readonly folds: number;
  /** the model each fold starts from; it must not have learnt any pen data (the MNIST-only default) */
  readonly init: string;
  readonly epochs: number;
  readonly limit: number;
  readonly learningRate: number;
  /** how the training writers' digits are drawn into the mix (copies, bend): the recipe's knobs for real hands */
  readonly drawing: PenDrawing;
  readonly penDir: string;
  readonly dataDir: string | undefined;
  readonly teacher: string;
  readonly shapes: number;
  readonly log: (line: string) => void;
}

/** The first stage of the shipped default's recipe (README): 3 epochs on 20,000 MNIST images, peak rate 0.004. */
export const PEN_FOLDS_DEFAULTS = { folds: 5, epochs: 3, limit: 20_000, learningRate: 0.004, drawing: PEN_DRAWING, teacher: 'assets/models/seed', shapes: 1000 } as const;

export async function benchPenFolds(options: PenFoldsOptions): Promise<PenBenchRow> {
  const [digits, letters] = await Promise.all([loadPenFile(options.penDir, 'digits'), loadPenFile(options.penDir, 'letters')]);
  const mnist = await loadMnist({ dataDir: options.dataDir });
  const splits = splitTraining(mnist.train, options.limit);
  const test = asLabelledImages(mnist.test);
  const shapes = shapeImages(options.shapes);
  const teacher = await loadModel(options.teacher);
  const init = await loadModel(options.init);
  options.log(`${options.folds} folds of every group's writers; each fold trained from ${options.init} (${PEN_CREDIT})`);
  const rows: PenBenchRow[] = [];
  try {
    for (let index = 0; index < options.folds; index++) {
      const parts = writerParts([...digits, ...letters], { count: options.folds, index });
      const row = await trainAndRead(index, parts, { digits, letters, teacher, init, splits, test, shapes }, options);
      rows.push(row);
      logRow(row, options.shapes, options.log);
    }
  } finally {
    tf.dispose([splits.train.images, splits.validation.images, test.images, shapes]);
    teacher.dispose();
    init.dispose();
  }
  const pooled = poolRows(rows, `${options.folds} folds pooled`);
  logRow(pooled, options.shapes * options.folds, options.log);
  return pooled;
}

interface FoldData {
  readonly digits: readonly PenSample[];
  readonly letters: readonly PenSample[];
  readonly teacher: tf.LayersModel;
  readonly init: tf.LayersModel;
  readonly splits: TrainingSplits;
  readonly test: LabelledImages;
  readonly shapes: tf.Tensor4D;
}

async function trainAndRead(index: number, parts: ReadonlyMap<string, WriterPart>, data: FoldData, options: PenFoldsOptions): Promise<PenBenchRow> {
  const seed = 1;
  const mix = buildPenMix({ digits: data.digits, letters: data.letters, parts, teacher: data.teacher, seed, drawing: options.drawing });
  const trainSet = joinWithMnist(data.splits.train, mix.train);
  const validation = joinWithMnist(data.splits.validation, mix.validation);
  const model = buildModel('default', seed, OUTPUTS_WITH_REJECTION);
  try {
    warmStart(model, data.init);
    const recipe = { ...RECIPES.default, epochs: options.epochs, learningRate: options.learningRate };
    const started = performance.now();
    const result = await train(model, {
      recipe,
      seed,
      train: trainSet,
      validation,
      evaluateEvery: 0.5,
      keepBest: true,
      onEvaluate: (p) => { options.log(`fold ${index + 1} epoch ${p.epoch.toFixed(2)}: validation ${percent(p.validationAccuracy)}, ${p.seconds.toFixed(0)} s`); },
    });
    calibrate(model, validation);
    const rejection = chooseRejection(model, data.splits.validation, mix.validationDigits, predictProbabilities(model, data.test.images));
    const tested = samplesOf(data.digits, parts, 'test');
    const writers = new Set(tested.map((s) => `${s.contributor}/${s.writer}`)).size;
    options.log(
      `\nfold ${index + 1}: ${writers} writers, ${tested.length} digits; trained on ${trainSet.labels.length} images, ` +
        `validation ${percent(result.selected?.validationAccuracy ?? Number.NaN)}, ${((performance.now() - started) / 1000).toFixed(0)} s`,
    );
    return readRow(`fold ${index + 1}`, readerAt(model, rejection.threshold), { digits: tested, letters: samplesOf(data.letters, parts, 'test'), shapes: data.shapes, mnist: data.test });
  } finally {
    model.dispose();
    tf.dispose([trainSet.images, validation.images]);
  }
}

/** The folds' figures added up; the threshold shown is the folds' mean. */
function poolRows(rows: readonly PenBenchRow[], model: string): PenBenchRow {
  const digits = (pick: (row: PenBenchRow) => DigitFigures): DigitFigures => {
    const all = rows.map(pick);
    return {
      n: sum(all.map((d) => d.n)),
      correct: sum(all.map((d) => d.correct)),
      rejected: sum(all.map((d) => d.rejected)),
      confidentWrong: sum(all.map((d) => d.confidentWrong)),
      groups: mergeCounts(all.map((d) => d.groups)),
      writers: mergeCounts(all.map((d) => d.writers)),
    };
  };
  const letters: LetterFigures = {
    n: sum(rows.map((r) => r.letters.n)),
    shownAsDigit: sum(rows.map((r) => r.letters.shownAsDigit)),
    confident: sum(rows.map((r) => r.letters.confident)),
    rejected: sum(rows.map((r) => r.letters.rejected)),
  };
  return {
    model,
    threshold: sum(rows.map((r) => r.threshold ?? 0)) / Math.max(1, rows.length),
    digits: digits((r) => r.digits),
    letters,
    half: digits((r) => r.half),
    threeQuarters: digits((r) => r.threeQuarters),
    shapesShown: sum(rows.map((r) => r.shapesShown)),
    mnist: { n: sum(rows.map((r) => r.mnist.n)), correct: sum(rows.map((r) => r.mnist.correct)), rejected: sum(rows.map((r) => r.mnist.rejected)) },
  };
}

function mergeCounts(maps: readonly Readonly<Record<string, readonly [number, number]>>[]): Record<string, [number, number]> {
  const merged: Record<string, [number, number]> = {};
  for (const map of maps) {
    for (const [key, [n, correct]] of Object.entries(map)) {
      const into = (merged[key] ??= [0, 0]);
      into[0] += n;
      into[1] += correct;
    }
  }
  return merged;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
