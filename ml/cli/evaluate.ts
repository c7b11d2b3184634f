import { existsSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { IMAGE_PIXELS } from '../../common/digit.ts';
import { BACKEND_FLAG, initBackend } from '../backend/backend.ts';
import { UsageError } from '../process/options.ts';
import { defineCli } from '../process/flags.ts';
import { asLabelledImages, normalizeImages } from '../data/splits.ts';
import { readIdxPair } from '../data/idxPair.ts';
import { readFile } from 'node:fs/promises';
import { readOutputs } from '../../common/reading.ts';
import { parsePenJson } from '../data/pen.ts';
import { penReport } from '../eval/penReport.ts';
import { modelReader } from '../models/modelReading.ts';
import { formatConfusion, percent, score } from '../eval/metrics.ts';
import { DATA_DIR_FLAG, loadMnistSplit } from '../data/mnist.ts';
import { MODEL_JSON, checkDigitModel, loadModel } from '../models/modelFiles.ts';
import { checkWritable } from './modelOutput.ts';
import { evaluateNumbers, formatNumbersReport } from '../numbers/numbers.ts';
import { predictProbabilities } from '../models/predict.ts';
import { existingReportFiles, writeReport, type Misclassified } from '../eval/report.ts';
import { countProgress } from '../process/countProgress.ts';

const MAX_REPORTED_ERRORS = 240;
const DEFAULT_PIECES = join('assets', 'models', 'pieces');
/** Numbers in one run: some 10 ms each, so the largest run is a few minutes, not days. */
const MAX_NUMBERS = 20_000;
/** The longest synthetic number: the game's Number mode reads a few digits at a time, not pages. */
const MAX_NUMBER_DIGITS = 12;

const CLI = defineCli({
  command: 'npm run evaluate -- --model DIR [options]',
  flags: {
    model: { type: 'string', arg: 'DIR', help: 'a tfjs layers model directory (model.json + weights)' },
    images: { type: 'string', arg: 'F', help: 'with --labels, any IDX image/label pair, uint8, white ink on black\n(default: MNIST test set)' },
    labels: { type: 'string', arg: 'F', help: 'the labels of --images' },
    normalize: { type: 'choice', choices: ['on', 'off'], help: 'run the shared MNIST-style preprocessing first; required for sizes other\nthan 28x28', default: 'off' },
    numbers: { type: 'integer', help: 'read N synthetic multi-digit numbers instead (segmentation + classification)', max: MAX_NUMBERS },
    digits: { type: 'integer', help: 'with --numbers: every number this long (default: 2 to 6 at random)', max: MAX_NUMBER_DIGITS },
    seed: { type: 'integer', help: 'seed for --numbers', default: 1 },
    // no default here: it depends on whether the shipped verifier exists, so the help says it
    pieces: { type: 'string', arg: 'DIR|off', help: 'with --numbers: the piece verifier that helps choose cuts, as the game\nuses it (default: assets/models/pieces when it exists)' },
    pen: { type: 'string', arg: 'FILE', help: "real pen characters in the JSON format of ../shared/data/pen (gzipped or\nnot), drawn with the game's brush: digits' accuracy and how many are\nturned away; letters that are no digit: how many are shown as a digit" },
    prefix: { type: 'fraction', arg: 'F', help: "with --pen: draw only the first fraction F (0..1) of each digit's path\nand count those read as another digit at >= 0.9" },
    json: { type: 'boolean', help: 'print one JSON object as the last line' },
    report: { type: 'string', arg: 'DIR', help: 'write confusion.png and misclassified.png into DIR' },
    force: { type: 'boolean', help: 'with --report: replace the pictures of an earlier report in DIR' },
    backend: BACKEND_FLAG,
    'data-dir': DATA_DIR_FLAG,
  },
});

await CLI.run(async ({ values }) => {
  if (!values.model) throw new UsageError('--model DIR is required');
  if ((values.images === undefined) !== (values.labels === undefined)) throw new UsageError('--images and --labels go together');
  const normalize = values.normalize === 'on';
  const { numbers, seed, digits, prefix } = values;
  if (digits !== undefined && numbers === undefined) throw new UsageError('--digits goes with --numbers');
  if (values.force && values.report === undefined) throw new UsageError('--force goes with --report');
  if (values.report !== undefined) {
    const existing = existingReportFiles(values.report);
    if (existing.length > 0 && !values.force) throw new UsageError(`--report ${values.report} already holds ${existing.join(', ')}; nothing was written: choose another --report or add --force to replace them`);
    await checkWritable(values.report, '--report');
  }
  const backend = await initBackend(values.backend);
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
    const progress = countProgress('numbers', numbers);
    const report = await evaluateNumbers({
      model,
      images: data.images,
      labels: data.labels,
      count: numbers,
      seed,
      ...(digits === undefined ? {} : { digits }),
      ...(verifier === undefined ? {} : { verifier }),
      onNumber: progress.advance,
    });
    progress.finish();
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
