import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, inkFromBytes } from '../../common/digit.ts';
import { asInkImage } from '../../common/ink/grid.ts';
import { centreLikeMnist } from '../../common/preprocess.ts';
import { NOT_A_DIGIT, hasRejection } from '../../common/reading.ts';
import { countPerClass, firstPerClass, type Examples } from '../../common/personal/examples.ts';
import { FINE_TUNE_DEFAULTS, accuracy, teach, type FineTuneOptions } from '../../common/personal/fineTune.ts';
import { REPLAY_PATH, decodeReplay } from '../../common/personal/replaySet.ts';
import { loadMnistSplit, type MnistSplit } from '../../ml/data/mnist.ts';
import { packImages } from '../../ml/data/penImages.ts';
import { loadModel } from '../../ml/models/modelFiles.ts';
import { rejectThresholdOf } from '../../ml/models/modelReading.ts';
import { formatWork, workSummary, type WorkSummary } from './frameWork.ts';
import { nonDigits, rasterise } from './nonDigits.ts';
import { penTestWriters, splitFirstPerClass } from './penWriters.ts';
import { teachInBrowser } from './teachInBrowser.ts';
import { WRITERS, writeAs, type Writer } from './writers.ts';

/**
 * Teaching simulated writers (./writers.ts): for each writer and each K, K of the writer's digits per
 * class are taught, and the writer's error is measured on other digits of theirs, before and after.
 * The writers' digits come from the first half of the MNIST test set; MNIST accuracy after teaching
 * is measured on the second half, which no writer drew from. With the pen data, real writers follow
 * (./penWriters.ts): each who has more than K digits of every class teaches their first K of each
 * and is measured on all their others.
 */

export interface BenchFinetuneOptions {
  readonly modelDir: string;
  readonly replayFile: string;
  readonly dataDir: string | undefined;
  readonly writers: readonly Writer[];
  /** the real writers' pen data (PEN_DIR); undefined: simulated writers only */
  readonly penDir: string | undefined;
  /** MNIST test digits from [5000, ...) on which accuracy and confidence are read after each teach */
  readonly mnistTest: number;
  readonly perClass: readonly number[];
  /** each writer's held-out digits, from the test set after the teaching pool */
  readonly writerTest: number;
  readonly fineTune: Partial<FineTuneOptions>;
  /** also teach in headless Chromium, once per K (the first writer's digits): the game's defaults */
  readonly browser: boolean;
  readonly log: (line: string) => void;
}

export const FINETUNE_BENCH_DEFAULTS = {
  modelDir: 'assets/models/default',
  replayFile: join('assets', REPLAY_PATH),
  writers: WRITERS,
  perClass: [1, 5, 20],
  writerTest: 1000,
  mnistTest: 5000,
  browser: true,
} as const;

/** Test-set images [0, POOL) make the writers' digits, [MNIST_FROM, 10000) measure MNIST accuracy. */
const POOL = 5000;
const MNIST_FROM = 5000;

/** A challenge round needs the drawn digit read at this probability or more. */
const SURE = 0.9;

/**
 * Shapes of each kind of ./nonDigits.ts (dots, dashes, ticks, scribbles, letters) read after each
 * teach: teaching must not make the model name a digit for them. Their seed differs from the
 * shapes teaching draws itself (common/personal/nonDigitInk.ts), whose generator has no letters.
 */
const SHAPES_PER_KIND = 100;
const SHAPE_SEED = 7;

export interface FinetuneRow {
  /** a simulated writer, or a real one as contributor/writer */
  readonly writer: string;
  readonly perClass: number;
  readonly taught: number;
  readonly writerErrorBefore: number;
  readonly writerErrorAfter: number;
  /** 1 - after / before: the share of the writer's errors teaching removed */
  readonly errorReduction: number;
  readonly mnistBefore: number;
  readonly mnistAfter: number;
  /** share of the MNIST digits whose own digit is read at >= SURE */
  readonly sureBefore: number;
  readonly sureAfter: number;
  /** share of the shapes that are no digit the model turns away (its "not a digit" output at or above its threshold); NaN without that output */
  readonly rejectedBefore: number;
  readonly rejectedAfter: number;
  readonly heldOut: { readonly n: number; readonly before: number; readonly after: number };
  /** the prototype term's weight the teach chose, and the temperature it refitted */
  readonly prototypeWeight: number;
  readonly temperature: number;
  readonly nodeSeconds: number;
  /**
   * The same digits taught by the game in headless Chromium (./teachInBrowser.ts), pressing Teach
   * to the personal model playing, s; null for the rows not taught there
   */
  readonly browserSeconds: number | null;
  /** teaching's main-thread work per animation frame in that teach */
  readonly browserFrameMs: WorkSummary | null;
}

export async function benchFinetune(options: BenchFinetuneOptions): Promise<FinetuneRow[]> {
  const { log } = options;
  const base = await loadModel(options.modelDir);
  const replay = decodeReplay(new Uint8Array(await readFile(options.replayFile)));
  const test = await loadMnistSplit('test', { dataDir: options.dataDir });
  const mnist = slice(test, MNIST_FROM, Math.min(test.labels.length, MNIST_FROM + options.mnistTest));
  const mnistBefore = accuracy(tf, base, mnist);
  const sureBefore = sureShare(base, mnist);
  const shapes = shapeImages();
  const threshold = await rejectThresholdOf(options.modelDir);
  const rejectedBefore = rejectedShare(base, shapes, threshold);
  log(`model ${options.modelDir}; replay ${replay.labels.length} digits; MNIST test [${MNIST_FROM}, ${MNIST_FROM + mnist.labels.length}) before ${percent(mnistBefore)}, read at >= ${SURE} ${percent(sureBefore)}; ${shapes.length / IMAGE_PIXELS} shapes that are no digit, turned away ${percent(rejectedBefore)}`);
  log(`fine-tuning ${JSON.stringify({ ...FINE_TUNE_DEFAULTS, ...options.fineTune })}`);
  const rows: FinetuneRow[] = [];
  const measure = async (writer: string, k: number, taught: Examples, held: Examples, browser: boolean): Promise<void> => {
    const before = accuracy(tf, base, held);
    const started = performance.now();
    const result = await teach(tf, base, taught, replay, options.fineTune);
    const nodeSeconds = (performance.now() - started) / 1000;
    const after = accuracy(tf, result.model, held);
    const mnistAfter = accuracy(tf, result.model, mnist);
    const sureAfter = sureShare(result.model, mnist);
    const rejectedAfter = rejectedShare(result.model, shapes, threshold);
    result.model.dispose();
    const inBrowser = browser ? await teachInBrowser(taught) : null;
    const row: FinetuneRow = {
      writer,
      perClass: k,
      taught: taught.labels.length,
      writerErrorBefore: 1 - before,
      writerErrorAfter: 1 - after,
      errorReduction: before === 1 ? 0 : 1 - (1 - after) / (1 - before),
      mnistBefore,
      mnistAfter,
      sureBefore,
      sureAfter,
      rejectedBefore,
      rejectedAfter,
      heldOut: result.heldOut,
      prototypeWeight: result.prototypeWeight,
      temperature: result.temperature,
      nodeSeconds,
      browserSeconds: inBrowser && inBrowser.ms / 1000,
      browserFrameMs: inBrowser && workSummary(inBrowser.frameMs),
    };
    rows.push(row);
    log(
      `${writer.padEnd(14)} K=${String(k).padStart(2)}  writer error ${percent(row.writerErrorBefore)} -> ${percent(row.writerErrorAfter)} on ${held.labels.length} ` +
        `(${(100 * row.errorReduction).toFixed(0)} % fewer)  MNIST ${percent(mnistBefore)} -> ${percent(mnistAfter)}, >= ${SURE} ${percent(sureBefore)} -> ${percent(sureAfter)}, not a digit ${percent(rejectedBefore)} -> ${percent(rejectedAfter)}  prototypes x${row.prototypeWeight}, T ${row.temperature.toFixed(2)}, teach ${nodeSeconds.toFixed(1)} s`,
    );
    if (inBrowser && row.browserFrameMs) {
      log(`${''.padEnd(14)} in Chromium (taught model read by ${inBrowser.backend}): teach ${(inBrowser.ms / 1000).toFixed(1)} s; teaching's work per frame ${formatWork(row.browserFrameMs)}`);
    }
  };
  for (const writer of options.writers) {
    const digits = styled(writer, slice(test, 0, POOL));
    const held = selectRange(digits, POOL - options.writerTest, POOL);
    for (const k of options.perClass) {
      const taught = firstPerClass(selectRange(digits, 0, POOL - options.writerTest), k);
      await measure(writer, k, taught, held, options.browser && writer === options.writers[0]);
    }
  }
  if (options.penDir !== undefined) {
    const writers = await penTestWriters(options.penDir, Math.min(...options.perClass) + 1);
    for (const k of options.perClass) {
      const able = writers.filter((writer) => Math.min(...countPerClass(writer.digits.labels)) > k);
      for (const writer of able) {
        const { taught, rest } = splitFirstPerClass(writer.digits, k);
        await measure(writer.name, k, taught, rest, false);
      }
      const real = rows.filter((row) => row.perClass === k && able.some((writer) => writer.name === row.writer));
      if (real.length === 0) continue;
      const mean = (pick: (row: FinetuneRow) => number) => real.reduce((sum, row) => sum + pick(row), 0) / real.length;
      const [before, after] = [mean((row) => row.writerErrorBefore), mean((row) => row.writerErrorAfter)];
      const worst = Math.max(...real.map((row) => row.writerErrorAfter - row.writerErrorBefore));
      log(`real writers K=${k}: ${real.length}, mean error ${percent(before)} -> ${percent(after)} (${(100 * (1 - after / before)).toFixed(0)} % fewer), worst writer ${worst > 0 ? '+' : ''}${(100 * worst).toFixed(2)} points`);
    }
  }
  base.dispose();
  return rows;
}

/** Share of `examples` whose own digit `model` reads at >= SURE. */
function sureShare(model: tf.LayersModel, examples: Examples): number {
  const n = examples.labels.length;
  const sure = tf.tidy(() => {
    const probabilities = model.predict(tf.tensor4d(examples.images, [n, 28, 28, 1])) as tf.Tensor2D;
    const own = tf.sum(tf.mul(probabilities, tf.oneHot(tf.tensor1d(examples.labels, 'int32'), probabilities.shape[1])), 1);
    return tf.sum(tf.cast(tf.greaterEqual(own, SURE), 'int32')).dataSync()[0] ?? 0;
  });
  return sure / n;
}

/** The shapes of ./nonDigits.ts as the game would see them, n x 784 (those that normalise to nothing left out). */
function shapeImages(): Float32Array {
  const images = nonDigits(SHAPES_PER_KIND, SHAPE_SEED).map((shape) => centreLikeMnist(asInkImage(rasterise(shape.strokes)))).filter((seen) => !seen.blank);
  return packImages(images.map((seen) => seen.pixels));
}

/** Share of `images` whose "not a digit" probability is at least `threshold`; NaN for a model without that output. */
function rejectedShare(model: tf.LayersModel, images: Float32Array, threshold: number): number {
  const n = images.length / IMAGE_PIXELS;
  const outputs = model.outputs[0]?.shape[1] ?? 0;
  if (n === 0 || !hasRejection(outputs)) return Number.NaN;
  const rejected = tf.tidy(() => {
    const probabilities = model.predict(tf.tensor4d(images, [n, 28, 28, 1])) as tf.Tensor2D;
    const notADigit = tf.squeeze(tf.slice(probabilities, [0, NOT_A_DIGIT], [n, 1]), [1]);
    return tf.sum(tf.cast(tf.greaterEqual(notADigit, threshold), 'int32')).dataSync()[0] ?? 0;
  });
  return rejected / n;
}

function percent(x: number): string {
  return `${(100 * x).toFixed(2)} %`;
}

function slice(split: MnistSplit, from: number, to: number): Examples {
  return { images: inkFromBytes(split.images.data.subarray(from * IMAGE_PIXELS, to * IMAGE_PIXELS)), labels: split.labels.slice(from, to) };
}

function styled(writer: Writer, digits: Examples): Examples {
  const images = new Float32Array(digits.images.length);
  digits.labels.forEach((label, i) => {
    images.set(writeAs(writer, digits.images.subarray(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), label), i * IMAGE_PIXELS);
  });
  return { images, labels: digits.labels };
}

function selectRange(examples: Examples, from: number, to: number): Examples {
  return { images: examples.images.slice(from * IMAGE_PIXELS, to * IMAGE_PIXELS), labels: examples.labels.slice(from, to) };
}
