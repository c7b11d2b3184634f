import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS, IMAGE_SIZE, NUM_CLASSES } from '../../common/digit.ts';
import type { InkVerdict } from '../../common/inkCheck.ts';
import { BACKENDS, initBackend } from '../backend/backend.ts';
import { SHARED_FLAGS, UsageError, oneOf, optionalPositiveInteger, positiveInteger, runCli } from '../process/options.ts';
import { asLabelledImages, normalizeImages } from '../data/splits.ts';
import { readIdxPair } from '../data/idxPair.ts';
import { inkVerdicts, withVerifier } from '../eval/inkVerdicts.ts';
import { formatConfusion, percent, score } from '../eval/metrics.ts';
import { loadMnistSplit } from '../data/mnist.ts';
import { MODEL_JSON, checkClassCount, loadModel } from '../models/modelFiles.ts';
import { checkWritable } from './modelOutput.ts';
import { evaluateNumbers, formatNumbersReport } from '../numbers/numbers.ts';
import { argMaxRows, predictProbabilities } from '../models/predict.ts';
import { writeReport, type Misclassified } from '../eval/report.ts';

const USAGE = `usage: npm run evaluate -- --model DIR [options]
  --model DIR              a tfjs layers model directory (model.json + weights)
  --images F --labels F    any IDX image/label pair, uint8, white ink on black (default: MNIST test set)
  --normalize on|off       run the shared MNIST-style preprocessing first; required for sizes other
                           than 28x28 (default: off)
  --numbers N              read N synthetic multi-digit numbers instead (segmentation + classification)
  --digits N               with --numbers: every number this long (default: 2 to 6 at random)
  --seed N                 seed for --numbers (default: 1)
  --pieces DIR|off         the piece verifier, as the game uses it: with --numbers it helps choose cuts;
                           otherwise it turns away drawings that are not a digit (common/verifierReject.ts),
                           counted in "as read"; as the game
                           uses it (default: assets/models/pieces when it exists)
  --json                   print one JSON object as the last line
  --report DIR             write confusion.png and misclassified.png into DIR
  --backend node|wasm|cpu  force a backend (default: the fastest that loads)
  --data-dir DIR           MNIST files (default: $MNIST_DIR, else a per-user cache)`;

const MAX_REPORTED_ERRORS = 240;
const DEFAULT_PIECES = join('assets', 'models', 'pieces');

await runCli(USAGE, async () => {
  const { values } = parseArgs({
    strict: true,
    allowPositionals: false,
    options: {
      ...SHARED_FLAGS,
      model: { type: 'string' },
      images: { type: 'string' },
      labels: { type: 'string' },
      normalize: { type: 'string' },
      numbers: { type: 'string' },
      seed: { type: 'string' },
      digits: { type: 'string' },
      pieces: { type: 'string' },
      json: { type: 'boolean', default: false },
      report: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.model) throw new UsageError('--model DIR is required');
  if ((values.images === undefined) !== (values.labels === undefined)) throw new UsageError('--images and --labels go together');
  const normalize = (oneOf('normalize', values.normalize, ['on', 'off'] as const) ?? 'off') === 'on';
  const numbers = optionalPositiveInteger('numbers', values.numbers);
  const seed = positiveInteger('seed', values.seed, 1);
  const digits = optionalPositiveInteger('digits', values.digits);
  if (digits !== undefined && numbers === undefined) throw new UsageError('--digits goes with --numbers');
  if (values.report !== undefined) await checkWritable(values.report, '--report');
  const backend = await initBackend(oneOf('backend', values.backend, BACKENDS));
  const model = await loadModel(values.model);
  checkClassCount(model, values.model, NUM_CLASSES);
  const log = values.json ? () => undefined : console.log;
  log(`model ${values.model} on ${backend.description}`);

  const data = values.images && values.labels ? await readIdxPair(values.images, values.labels) : await loadMnistSplit('test', { dataDir: values['data-dir'] });
  const piecesDir = values.pieces ?? (existsSync(join(DEFAULT_PIECES, MODEL_JSON)) ? DEFAULT_PIECES : 'off');
  const verifier = piecesDir === 'off' ? undefined : await loadModel(piecesDir);
  log(`piece verifier ${piecesDir}`);
  if (numbers !== undefined) {
    const report = await evaluateNumbers({
      model,
      images: data.images,
      labels: data.labels,
      count: numbers,
      seed,
      ...(digits === undefined ? {} : { digits }),
      ...(verifier === undefined ? {} : { verifier }),
    });
    log(formatNumbersReport(report));
    if (values.json) console.log(JSON.stringify(report));
    return;
  }

  const started = performance.now();
  const prepared = normalize ? normalizeImages(data.images) : { ...asLabelledImages(data), blank: 0 };
  const probabilities = predictProbabilities(model, prepared.images);
  const msPerImage = (performance.now() - started) / data.labels.length;
  const predicted = argMaxRows(probabilities, NUM_CLASSES);
  const scores = score(predicted, data.labels);

  // The game asks the model nothing about ink the shared ink check rejects: such an image counts
  // as wrong in `as read`, the accuracy a player would see. Its sizes are in cells of the game's
  // 28-row grid, so other images are not checked.
  const inkOnly = data.images.height === IMAGE_SIZE ? inkVerdicts(data.images) : { verdicts: Array.from(data.labels, (): InkVerdict => 'digit'), tooLittle: 0, notADigit: 0 };
  const ink = verifier !== undefined && data.images.height === IMAGE_SIZE ? withVerifier(data.images, inkOnly, verifier) : { ...inkOnly, byVerifier: 0 };
  const readCorrect = predicted.filter((p, i) => p === data.labels[i] && ink.verdicts[i] === 'digit').length;
  const asRead = readCorrect / Math.max(1, predicted.length);
  log(`accuracy   ${percent(scores.accuracy)} on ${scores.n} images${normalize ? ` (normalised; ${prepared.blank} blank)` : ''}`);
  log(`ink check  rejects ${ink.tooLittle + ink.notADigit} (${ink.tooLittle} too little, ${ink.notADigit} not a digit, ${ink.byVerifier} of them by the piece verifier); accuracy as read ${percent(asRead)}`);
  log(`per class  ${scores.perClass.map((a, d) => `${d}:${percent(a, 1)}`).join('  ')}`);
  log(formatConfusion(scores.confusion));
  log(`time       ${msPerImage.toFixed(3)} ms per image`);
  if (values.report) {
    const pixels = prepared.images.dataSync() as Float32Array;
    const errors: Misclassified[] = [];
    for (let i = 0; i < predicted.length && errors.length < MAX_REPORTED_ERRORS; i++) {
      if (predicted[i] !== data.labels[i]) {
        errors.push({ pixels: pixels.slice(i * IMAGE_PIXELS, (i + 1) * IMAGE_PIXELS), truth: data.labels[i] ?? 0, predicted: predicted[i] ?? 0 });
      }
    }
    const files = await writeReport(values.report, scores.confusion, errors);
    log(`report     ${files.join(', ')}`);
  }
  tf.dispose(prepared.images);
  if (values.json) {
    console.log(JSON.stringify({ accuracy: scores.accuracy, n: scores.n, rejected: { tooLittle: ink.tooLittle, notADigit: ink.notADigit, byVerifier: ink.byVerifier }, accuracyAsRead: asRead, perClass: scores.perClass, confusion: scores.confusion, msPerImage, backend: backend.name }));
  }
});
