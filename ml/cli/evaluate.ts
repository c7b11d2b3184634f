import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS } from '../../common/digit.ts';
import { BACKENDS, initBackend } from '../backend/backend.ts';
import { SHARED_FLAGS, UsageError, fraction, oneOf, optionalPositiveInteger, positiveInteger, runCli } from '../process/options.ts';
import { asLabelledImages, normalizeImages } from '../data/splits.ts';
import { readIdxPair } from '../data/idxPair.ts';
import { readFile } from 'node:fs/promises';
import { readOutputs } from '../../common/reading.ts';
import { parsePenJson } from '../data/pen.ts';
import { penReport } from '../eval/penReport.ts';
import { modelReader } from '../models/modelReading.ts';
import { formatConfusion, percent, score } from '../eval/metrics.ts';
import { loadMnistSplit } from '../data/mnist.ts';
import { MODEL_JSON, checkDigitModel, loadModel } from '../models/modelFiles.ts';
import { checkWritable } from './modelOutput.ts';
import { evaluateNumbers, formatNumbersReport } from '../numbers/numbers.ts';
import { predictProbabilities } from '../models/predict.ts';
import { writeReport, type Misclassified } from '../eval/report.ts';

const USAGE = `usage: npm run evaluate -- --model DIR [options]
  --model DIR              a tfjs layers model directory (model.json + weights)
  --images F --labels F    any IDX image/label pair, uint8, white ink on black (default: MNIST test set)
  --normalize on|off       run the shared MNIST-style preprocessing first; required for sizes other
                           than 28x28 (default: off)
  --numbers N              read N synthetic multi-digit numbers instead (segmentation + classification)
  --digits N               with --numbers: every number this long (default: 2 to 6 at random)
  --seed N                 seed for --numbers (default: 1)
  --pieces DIR|off         with --numbers: the piece verifier that helps choose cuts, as the game
                           uses it (default: assets/models/pieces when it exists)
  --pen FILE               real pen characters in the JSON format of ../shared/data/pen (gzipped or
                           not), drawn with the game's brush: digits' accuracy and how many are
                           turned away; letters that are no digit: how many are shown as a digit
  --prefix F               with --pen: draw only the first fraction F (0..1) of each digit's path
                           and count those read as another digit at >= 0.9
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
      pen: { type: 'string' },
      prefix: { type: 'string' },
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
  const prefix = fraction('prefix', values.prefix);
  if (prefix !== undefined && values.pen === undefined) throw new UsageError('--prefix goes with --pen');
  if (values.pen !== undefined && (values.images !== undefined || numbers !== undefined)) throw new UsageError('--pen reads its own characters: leave out --images/--labels and --numbers');
  const model = await loadModel(values.model);
  checkDigitModel(model, values.model);
  const reader = await modelReader(model, values.model);
  const log = values.json ? () => undefined : console.log;
  log(`model ${values.model} on ${backend.description}; ${reader.threshold === null ? 'names digits only (no "not a digit" output)' : `"not a digit" from ${reader.threshold.toFixed(3)}`}`);
  if (values.pen !== undefined) {
    const samples = parsePenJson(await readFile(values.pen), values.pen);
    const report = penReport(reader, samples, prefix);
    for (const line of report.lines) log(line);
    if (values.json) console.log(JSON.stringify(report.figures));
    return;
  }

  const data = values.images && values.labels ? await readIdxPair(values.images, values.labels) : await loadMnistSplit('test', { dataDir: values['data-dir'] });
  if (numbers !== undefined) {
    const piecesDir = values.pieces ?? (existsSync(join(DEFAULT_PIECES, MODEL_JSON)) ? DEFAULT_PIECES : 'off');
    const verifier = piecesDir === 'off' ? undefined : await loadModel(piecesDir);
    log(`piece verifier ${piecesDir}`);
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
  const readings = Array.from({ length: data.labels.length }, (_, i) => readOutputs(probabilities.subarray(i * reader.outputs, (i + 1) * reader.outputs), reader.threshold ?? undefined));
  const predicted = Uint8Array.from(readings, (r) => r.digit);
  const scores = score(predicted, data.labels);

  // The game answers "not a digit" for what the model turns away: such an image counts as wrong in
  // `as read`, the accuracy a player would see.
  const rejected = readings.filter((r) => r.rejected).length;
  const readCorrect = readings.filter((r, i) => !r.rejected && r.digit === data.labels[i]).length;
  const asRead = readCorrect / Math.max(1, predicted.length);
  log(`accuracy   ${percent(scores.accuracy)} on ${scores.n} images${normalize ? ` (normalised; ${prepared.blank} blank)` : ''}`);
  log(`not a digit ${rejected} turned away; accuracy as read ${percent(asRead)}`);
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
    console.log(JSON.stringify({ accuracy: scores.accuracy, n: scores.n, rejected, accuracyAsRead: asRead, perClass: scores.perClass, confusion: scores.confusion, msPerImage, backend: backend.name }));
  }
});
