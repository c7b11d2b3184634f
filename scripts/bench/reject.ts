import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE, inkFromBytes, NUM_CLASSES } from '../../common/digit.ts';
import { createRandom } from '../../common/random.ts';
import { CHALLENGE_DEFAULTS } from '../../game/shell/state/challengeConfig.ts';
import { createGrid, type Grid } from '../../common/ink/grid.ts';
import { MENU, next } from '../../game/shell/state/modes.ts';
import { recognise, type DigitModel } from '../../game/shell/reading/recognise.ts';
import { loadModel } from '../../ml/models/modelFiles.ts';
import { rejectThresholdOf } from '../../ml/models/modelReading.ts';
import { loadMnistSplit } from '../../ml/data/mnist.ts';
import { NON_DIGIT_KINDS, nonDigits, rasterise } from './nonDigits.ts';
import { smallDigitStrokes } from './smallDigits.ts';

export interface BenchRejectOptions {
  readonly modelDir: string;
  readonly dataDir: string | undefined;
  /** non-digit shapes of each kind */
  readonly perKind: number;
  /** MNIST test digits of each class redrawn small */
  readonly smallPerClass: number;
  readonly seed: number;
  readonly log: (line: string) => void;
}

export const REJECT_DEFAULTS = { modelDir: 'assets/models/default', perKind: 200, smallPerClass: 100, seed: 1 } as const;

/** Heights (cells) MNIST digits are redrawn at with the game's brush: small but complete. */
const SMALL_HEIGHTS = [6, 8, 10] as const;

/** How the game answered a set of drawings. */
export interface Outcome {
  readonly n: number;
  /** no guess: the drawing normalised to nothing (blank) */
  readonly tooLittle: number;
  /** no guess: the model turned it away as no digit (common/reading.ts) */
  readonly notADigit: number;
  /** a guess shown as unsure ("7?") */
  readonly unsure: number;
  /** a guess shown as a digit */
  readonly shown: number;
  /** for digits: the guess shown is the label */
  readonly correct: number;
  /** a challenge round asking for the digit guessed (or, for digits, the label) is won */
  readonly wins: number;
}

/** A layers model as recognise() calls it: one normalised 28x28 image (`channels` values a pixel) in, probabilities out. */
function asDigitModel(model: tf.LayersModel, channels: number): DigitModel {
  return {
    async classify(pixels) {
      const out = tf.tidy(() => model.predict(tf.tensor4d(pixels, [1, IMAGE_SIZE, IMAGE_SIZE, channels])) as tf.Tensor);
      const values = (await out.data()) as Float32Array;
      out.dispose();
      return values;
    },
  };
}

/**
 * `npm run bench -- reject`: what the game answers (through game/shell/reading/recognise.ts and the challenge's
 * own game/shell/state/modes.ts, exactly as the page does) for the 10,000 MNIST test digits, for MNIST digits
 * redrawn small with the game's brush, and for dots, dashes, ticks, scribbles and letters drawn
 * with it. False rejects are digits without a guess; false accepts are non-digits shown as a digit.
 * "Not a digit" is the model's own (its extra output against the threshold in its metadata.json).
 */
export async function benchReject(options: BenchRejectOptions): Promise<Record<string, Outcome>> {
  const { log } = options;
  const classifier = asDigitModel(await loadModel(options.modelDir), 1);
  const threshold = await rejectThresholdOf(options.modelDir);
  const test = await loadMnistSplit('test', options.dataDir === undefined ? {} : { dataDir: options.dataDir });
  const digitGrid = (index: number): Grid => {
    const grid = createGrid(IMAGE_SIZE, IMAGE_SIZE);
    const bytes = test.images.data.subarray(index * IMAGE_SIZE * IMAGE_SIZE, (index + 1) * IMAGE_SIZE * IMAGE_SIZE);
    grid.cells.set(inkFromBytes(bytes));
    return grid;
  };
  const results: Record<string, Outcome> = {};
  const report = (name: string, outcome: Outcome): void => {
    results[name] = outcome;
    const pct = (k: number): string => `${k} (${((100 * k) / Math.max(1, outcome.n)).toFixed(1)} %)`.padStart(13);
    log(`${name.padEnd(22)} n=${String(outcome.n).padEnd(6)} too little ${pct(outcome.tooLittle)}  not a digit ${pct(outcome.notADigit)}  unsure ${pct(outcome.unsure)}  shown ${pct(outcome.shown)}  correct ${pct(outcome.correct)}  wins ${pct(outcome.wins)}`);
  };
  const playBoth = async (name: string, drawings: readonly { grid: Grid; label: number | null }[]): Promise<void> => {
    report(name, await play(drawings, classifier, threshold));
  };

  const all = Array.from({ length: test.labels.length }, (_, i) => i);
  await playBoth('MNIST test', all.map((i) => ({ grid: digitGrid(i), label: test.labels[i] ?? null })));

  const picked: number[] = [];
  for (let label = 0; label < NUM_CLASSES; label++) {
    picked.push(...all.filter((i) => test.labels[i] === label).slice(0, options.smallPerClass));
  }
  for (const height of SMALL_HEIGHTS) {
    const drawings = picked.map((i) => {
      const pixels = inkFromBytes(test.images.data.subarray(i * IMAGE_SIZE * IMAGE_SIZE, (i + 1) * IMAGE_SIZE * IMAGE_SIZE));
      return { grid: rasterise(smallDigitStrokes(pixels, height)), label: test.labels[i] ?? null };
    });
    await playBoth(`MNIST drawn ${height} cells`, drawings);
  }

  const shapes = nonDigits(options.perKind, options.seed);
  for (const kind of NON_DIGIT_KINDS) {
    await playBoth(kind, shapes.filter((s) => s.kind === kind).map((s) => ({ grid: rasterise(s.strokes), label: null })));
  }
  return results;
}

async function play(drawings: readonly { grid: Grid; label: number | null }[], model: DigitModel, threshold: number): Promise<Outcome> {
  const counts = { n: 0, tooLittle: 0, notADigit: 0, unsure: 0, shown: 0, correct: 0, wins: 0 };
  const random = createRandom(1);
  for (const { grid, label } of drawings) {
    counts.n++;
    const { prediction } = await recognise(grid, model, () => 0, threshold);
    if (prediction.reason === 'blank') counts.tooLittle++;
    if (prediction.reason === 'not-a-digit') counts.notADigit++;
    if (prediction.digit === null) continue;
    if (prediction.unsure) counts.unsure++;
    else counts.shown++;
    if (!prediction.unsure && prediction.digit === label) counts.correct++;
    // the round asks for the label, or for a non-digit the very digit it was read as
    const start = next(MENU, { type: 'startChallenge', settings: CHALLENGE_DEFAULTS }, 0, random);
    if (start.kind !== 'challenge') throw new Error('the challenge did not start');
    const round = { ...start, target: label ?? prediction.digit };
    const confidence = prediction.probabilities[prediction.digit] ?? 0;
    const after = next(round, { type: 'prediction', guess: { digit: prediction.digit, confidence }, drawing: grid.cells }, 1_000, random);
    if (after.kind === 'challenge' && after.results[0]?.won === true) counts.wins++;
  }
  return counts;
}
