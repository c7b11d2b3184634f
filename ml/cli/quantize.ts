import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { DIGIT_OUTPUTS } from '../../common/reading.ts';
import { BACKEND_FLAG, initBackend } from '../backend/backend.ts';
import { defineCli } from '../process/flags.ts';
import { UsageError } from '../process/options.ts';
import { asLabelledImages } from '../data/splits.ts';
import { DATA_DIR_FLAG, loadMnistSplit } from '../data/mnist.ts';
import { loadPenFile, resolvePenDir, samplesOf, writerParts, type PenSample } from '../data/pen.ts';
import { replaceDirectory } from '../data/directorySwap.ts';
import { driftProblem, mnistAccuracy, penDigitScore, type PenDigitScore } from '../eval/accuracyDrift.ts';
import { METADATA_JSON, MODEL_JSON, WEIGHTS_BIN, loadModel } from '../models/modelFiles.ts';
import { modelReader } from '../models/modelReading.ts';
import { SMALL_TENSOR, float32Bytes, readFloatWeights, roughestUint8, sizePlan, storeWeights, type StoredWeights } from '../models/quantizedWeights.ts';
import type { StoredDtype } from '../models/quantize.ts';
import { checkModelOutput, readMetadata, writeModelIndex } from './modelOutput.ts';

const CLI = defineCli({
  command: 'npm run quantize -- --model DIR [options]',
  about: `  Stores a float32 model's weights in fewer bytes, in tfjs's weightsManifest "quantization" form
  (tfjs turns them back into float32 on load): --dtype per tensor, float16 for tensors under ${SMALL_TENSOR}
  values. For a digit model, tensors are widened to uint16 one at a time (the one 8-bit rounding
  moves most first) until its MNIST test accuracy, and its pen digits' with PEN_DIR, are within 0.05
  point of float32's; metadata.json keeps the float32 figures beside the quantised ones.`,
  flags: {
    model: { type: 'string', arg: 'DIR', help: 'a float32 tfjs layers model directory with metadata.json' },
    out: { type: 'string', arg: 'DIR', help: 'where to write (default: replace --model; a backup is kept until the\nnew files are in place)' },
    dtype: { type: 'choice', choices: ['uint8', 'uint16', 'float16'], help: `storage of tensors of ${SMALL_TENSOR} values or more`, default: 'uint8' },
    'pen-dir': { type: 'string', arg: 'DIR', help: 'real pen digits (digits.json.gz) to check too (default: $PEN_DIR)' },
    backend: BACKEND_FLAG,
    'data-dir': DATA_DIR_FLAG,
  },
});

await CLI.run(async ({ values }) => {
  if (!values.model) throw new UsageError('--model DIR is required');
  const dir = values.model;
  const out = values.out ?? dir;
  const plan = await checkModelOutput(out, { flag: values.out === undefined ? '--model' : '--out', force: true });
  const backend = await initBackend(values.backend);
  console.log(`${CLI.describe(values)} on ${backend.description}`);

  const json = JSON.parse(await readFile(join(dir, MODEL_JSON), 'utf8')) as { modelTopology: object; weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[] };
  const group = json.weightsManifest[0];
  if (json.weightsManifest.length !== 1 || group?.paths.length !== 1) throw new UsageError(`${dir}: only a model with one weights file (as saveModel writes it) is quantised`);
  const weights = readFloatWeights(group.weights, new Uint8Array(await readFile(join(dir, group.paths[0] ?? WEIGHTS_BIN))));
  const metadata = await readMetadata(dir);
  const original = await loadModel(dir);
  const dtype = values.dtype;
  const wider = new Set<string>();
  let stored = storeWeights(weights, sizePlan(dtype, wider));
  const outputs = original.outputs[0]?.shape.at(-1) ?? 0;
  const digitModel = original.inputs[0]?.shape.at(-1) === 1 && DIGIT_OUTPUTS.includes(outputs);
  let checks: Record<string, unknown> = {};

  if (digitModel) {
    const test = asLabelledImages(await loadMnistSplit('test', { dataDir: values['data-dir'] }));
    const penDir = resolvePenDir({ dataDir: values['pen-dir'] });
    const penDigits = penDir === undefined ? null : await loadTestPenDigits(penDir);
    if (penDigits === null) console.log('no PEN_DIR or --pen-dir: pen digits not checked');
    const figuresOf = async (model: tf.LayersModel): Promise<Figures> => ({
      testAccuracy: mnistAccuracy(model, test),
      penDigits: penDigits === null ? null : penDigitScore(await modelReader(model, dir), penDigits),
    });
    const float32 = await figuresOf(original);
    // the figures to keep are MNIST test's and the pen test writers', so those are what is checked
    for (;;) {
      const quantised = await withModel(json.modelTopology, stored, figuresOf);
      console.log(`${describeFigures(float32)} float32; ${describeFigures(quantised)} stored${wider.size > 0 ? ` (uint16: ${[...wider].join(', ')})` : ''}`);
      const problems = driftProblems(float32, quantised);
      if (problems.length === 0) {
        checks = { float32, quantised };
        break;
      }
      const roughest = roughestUint8(weights, sizePlan(dtype, wider));
      if (roughest === null) throw new Error(`${problems.join('; ')}: nothing written; try --dtype uint16`);
      wider.add(roughest);
      stored = storeWeights(weights, sizePlan(dtype, wider));
    }
    test.images.dispose();
  } else {
    console.log(`${dir} is not a digit model (input ${JSON.stringify(original.inputs[0]?.shape)}, ${outputs} outputs): stored without an accuracy check`);
  }
  original.dispose();

  const modelJson = { ...json, weightsManifest: [{ paths: [WEIGHTS_BIN], weights: stored.specs }] };
  const counts = Object.entries(stored.byStorage).map(([storage, names]) => `${names.length} ${storage}`).join(', ');
  const newMetadata = {
    ...metadata,
    weightBytes: stored.data.byteLength,
    weights: {
      storage: storageSentence(dtype, wider),
      tensors: counts,
      ...(wider.size > 0 ? { uint16: [...wider] } : {}),
      bytes: stored.data.byteLength,
      float32Bytes: float32Bytes(weights),
      ...checks,
    },
  };
  await replaceDirectory(out, {
    [MODEL_JSON]: JSON.stringify(modelJson),
    [WEIGHTS_BIN]: stored.data,
    [METADATA_JSON]: `${JSON.stringify(newMetadata, null, 2)}\n`,
  });
  if (plan.updatesIndex) await writeModelIndex(join(out, '..'));
  console.log(`${out}: ${counts}; weights ${float32Bytes(weights)} -> ${stored.data.byteLength} bytes`);
});

function storageSentence(dtype: StoredDtype, wider: ReadonlySet<string>): string {
  const affine = dtype === 'float16' ? 'float16' : `${dtype} with a scale and minimum per tensor`;
  const widened = wider.size > 0 ? `, uint16 for the ${wider.size} widened to keep accuracy` : '';
  return `${affine} for tensors of ${SMALL_TENSOR} values or more, float16 for smaller ones${widened} (model.json's weightsManifest "quantization"); tfjs turns them back into float32 on load`;
}

interface Figures {
  readonly testAccuracy: number;
  readonly penDigits: PenDigitScore | null;
}

async function loadTestPenDigits(penDir: string): Promise<PenSample[]> {
  const digits = await loadPenFile(penDir, 'digits');
  return samplesOf(digits, writerParts(digits), 'test');
}

function describeFigures({ testAccuracy, penDigits }: Figures): string {
  return `MNIST test ${(testAccuracy * 100).toFixed(2)} %${penDigits === null ? '' : `, pen digits ${penDigits.correct} of ${penDigits.n}`}`;
}

function driftProblems(float32: Figures, quantised: Figures): string[] {
  const problems = [driftProblem('MNIST test accuracy', float32.testAccuracy, quantised.testAccuracy)];
  if (float32.penDigits !== null && quantised.penDigits !== null) {
    problems.push(driftProblem('pen digit accuracy', float32.penDigits.correct / float32.penDigits.n, quantised.penDigits.correct / quantised.penDigits.n));
  }
  return problems.filter((p) => p !== null);
}

async function withModel<T>(topology: object, stored: StoredWeights, use: (model: tf.LayersModel) => T | Promise<T>): Promise<T> {
  const data = stored.data;
  const model = await tf.loadLayersModel(tf.io.fromMemory({ modelTopology: topology, weightSpecs: stored.specs, weightData: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) }));
  try {
    return await use(model);
  } finally {
    model.dispose();
  }
}
