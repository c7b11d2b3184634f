import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, inkFromBytes } from '../../common/digit.ts';
import { firstPerClass, type Examples } from '../../common/personal/examples.ts';
import { FINE_TUNE_DEFAULTS, accuracy, teach, type FineTuneOptions } from '../../common/personal/fineTune.ts';
import { REPLAY_PATH, decodeReplay } from '../../common/personal/replaySet.ts';
import { loadMnistSplit, type MnistSplit } from '../../ml/data/mnist.ts';
import { loadModel } from '../../ml/models/modelFiles.ts';
import { formatWork, workSummary, type WorkSummary } from './frameWork.ts';
import { teachInBrowser } from './teachInBrowser.ts';
import { WRITERS, writeAs, type Writer } from './writers.ts';

/**
 * Teaching simulated writers (./writers.ts): for each writer and each K, K of the writer's digits per
 * class are taught, and the writer's error is measured on other digits of theirs, before and after.
 * The writers' digits come from the first half of the MNIST test set; MNIST accuracy after teaching
 * is measured on the second half, which no writer drew from.
 */

export interface BenchFinetuneOptions {
  readonly modelDir: string;
  readonly replayFile: string;
  readonly dataDir: string | undefined;
  readonly writers: readonly Writer[];
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
  browser: true,
} as const;

/** Test-set images [0, POOL) make the writers' digits, [MNIST_FROM, 10000) measure MNIST accuracy. */
const POOL = 5000;
const MNIST_FROM = 5000;

export interface FinetuneRow {
  readonly writer: Writer;
  readonly perClass: number;
  readonly taught: number;
  readonly writerErrorBefore: number;
  readonly writerErrorAfter: number;
  /** 1 - after / before: the share of the writer's errors teaching removed */
  readonly errorReduction: number;
  readonly mnistBefore: number;
  readonly mnistAfter: number;
  readonly heldOut: { readonly n: number; readonly before: number; readonly after: number };
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
  const mnist = slice(test, MNIST_FROM, test.labels.length);
  const mnistBefore = accuracy(tf, base, mnist);
  log(`model ${options.modelDir}; replay ${replay.labels.length} digits; MNIST test [${MNIST_FROM}, ${test.labels.length}) before ${percent(mnistBefore)}`);
  log(`fine-tuning ${JSON.stringify({ ...FINE_TUNE_DEFAULTS, ...options.fineTune })}`);
  const rows: FinetuneRow[] = [];
  for (const writer of options.writers) {
    const digits = styled(writer, slice(test, 0, POOL));
    const held = selectRange(digits, POOL - options.writerTest, POOL);
    const before = accuracy(tf, base, held);
    for (const k of options.perClass) {
      const taught = firstPerClass(selectRange(digits, 0, POOL - options.writerTest), k);
      const started = performance.now();
      const result = await teach(tf, base, taught, replay, options.fineTune);
      const nodeSeconds = (performance.now() - started) / 1000;
      const after = accuracy(tf, result.model, held);
      const mnistAfter = accuracy(tf, result.model, mnist);
      result.model.dispose();
      const inBrowser = options.browser && writer === options.writers[0] ? await teachInBrowser(taught) : null;
      const row: FinetuneRow = {
        writer,
        perClass: k,
        taught: taught.labels.length,
        writerErrorBefore: 1 - before,
        writerErrorAfter: 1 - after,
        errorReduction: before === 1 ? 0 : 1 - (1 - after) / (1 - before),
        mnistBefore,
        mnistAfter,
        heldOut: result.heldOut,
        nodeSeconds,
        browserSeconds: inBrowser && inBrowser.ms / 1000,
        browserFrameMs: inBrowser && workSummary(inBrowser.frameMs),
      };
      rows.push(row);
      log(
        `${writer.padEnd(12)} K=${String(k).padStart(2)}  writer error ${percent(row.writerErrorBefore)} -> ${percent(row.writerErrorAfter)} ` +
          `(${(100 * row.errorReduction).toFixed(0)} % fewer)  MNIST ${percent(mnistBefore)} -> ${percent(mnistAfter)}  teach ${nodeSeconds.toFixed(1)} s`,
      );
      if (inBrowser && row.browserFrameMs) {
        log(`${''.padEnd(12)} in Chromium (${inBrowser.backend}): teach ${(inBrowser.ms / 1000).toFixed(1)} s; teaching's work per frame ${formatWork(row.browserFrameMs)}`);
      }
    }
  }
  base.dispose();
  return rows;
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
