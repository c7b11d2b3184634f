import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { NUM_CLASSES } from '../../common/digit.ts';
import { MODEL_NAME } from '../../common/modelName.ts';
import { BACKEND_FLAG, initBackend } from '../backend/backend.ts';
import { DATA_DIR_FLAG, loadMnistSplit, sha256 } from '../data/mnist.ts';
import { asLabelledImages, splitTraining } from '../data/splits.ts';
import { percent, score } from '../eval/metrics.ts';
import { importKeras } from '../keras/importModel.ts';
import { CONVERSION_HINTS, describeConversion, type InputConversion } from '../keras/inputConversion.ts';
import { SUPPORTED_ACTIVATIONS, SUPPORTED_LAYERS } from '../keras/layerBuilder.ts';
import { describeChain } from '../keras/summary.ts';
import { checkFiniteWeights } from '../models/finiteWeights.ts';
import { checkClassCount, provenance, weightBytes } from '../models/modelFiles.ts';
import { predictDigits } from '../models/predict.ts';
import { calibrate } from '../models/temperature.ts';
import { defineCli } from '../process/flags.ts';
import { UsageError } from '../process/options.ts';
import { checkModelOutput, writeModelOutput } from './modelOutput.ts';

/** Below this MNIST test accuracy the import warns that the input conversion may be wrong. */
const LOW_ACCURACY = 0.9;
/**
 * Below this the import is refused (--min-accuracy): a model reading half of MNIST wrong is no digit
 * model the game should offer, or its input conversion is wrong; chance is 10 %.
 */
const MIN_ACCURACY = 0.5;
const MODELS_DIR = join('assets', 'models');

/** Defined before the entry's top-level await runs, which throws it. */
class LowAccuracyError extends Error {
  override name = 'LowAccuracyError';
}

const CLI = defineCli({
  command: 'npm run import-keras -- FILE --name NAME [options]',
  about: `  Imports a Keras digit model (Keras 3 .keras, Keras 2.13-2.15 .keras, or a Keras 2 full-model .h5;
  the format is read from the file, not its name) into ${MODELS_DIR}/NAME so ?model=NAME plays it,
  and reports its MNIST test accuracy.`,
  flags: {
    name: { type: 'string', arg: 'NAME', help: "the model's name in the game" },
    'models-dir': { type: 'string', arg: 'DIR', help: 'where models live; its index.json is updated', default: MODELS_DIR },
    'input-scale': { type: 'number', arg: 'S', help: "the model's full-ink pixel value: 1 for pixels / 255, 255 for raw bytes", default: 1 },
    invert: { type: 'boolean', help: 'the model expects black ink on white paper' },
    mean: { type: 'real', arg: 'M', help: 'the model expects (pixel - M) / S, in --input-scale units', default: 0 },
    std: { type: 'number', arg: 'S', help: 'the S of --mean', default: 1 },
    'min-accuracy': { type: 'fraction', arg: 'F', help: 'refuse a model below this MNIST test accuracy (0..1)', default: MIN_ACCURACY },
    calibrate: { type: 'boolean', help: 'fit a softmax temperature on MNIST validation images, as npm run calibrate does' },
    force: { type: 'boolean', help: 'replace an existing model of that name' },
    backend: BACKEND_FLAG,
    'data-dir': DATA_DIR_FLAG,
  },
  notes: `  Layers: ${SUPPORTED_LAYERS.join(', ')}; activations ${SUPPORTED_ACTIVATIONS.join(', ')}.`,
  positionals: true,
});

await CLI.run(async (args) => {
  const { values, positionals } = args;
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError('the Keras file to import is required');
  if (extra.length > 0) throw new UsageError(`one file at a time, got also ${extra.join(' ')}`);
  if (values.name === undefined) throw new UsageError('--name NAME is required');
  // the same rule as the game's ?model=: one path part, so the model lands in --models-dir and is listed
  if (!MODEL_NAME.test(values.name)) throw new UsageError(`--name must be a model name matching ${MODEL_NAME} (the game's ?model= rule), got '${values.name}'`);
  const conversion: InputConversion = {
    scale: values['input-scale'],
    invert: values.invert,
    mean: values.mean,
    std: values.std,
  };
  const out = join(values['models-dir'], values.name);
  const plan = await checkModelOutput(out, { flag: '--name', force: values.force });
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(file));
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  console.log(`importing ${file} as ${out}; input conversion: ${describeConversion(conversion)}`);
  const backend = await initBackend(values.backend);
  const { model, chain, layout, kerasVersion } = await importKeras(bytes, file, conversion);
  checkClassCount(model, file, NUM_CLASSES);
  checkFiniteWeights(model, file);
  const architecture = describeChain(chain);
  console.log(`read ${layout} layout (Keras ${kerasVersion ?? 'version not recorded'}):\n  ${architecture.join('\n  ')}`);
  const mnist = { dataDir: values['data-dir'] };
  const temperature = values.calibrate ? calibrate(model, splitTraining(await loadMnistSplit('train', mnist)).validation) : null;
  if (temperature !== null) console.log(`calibrated  temperature ${temperature.toFixed(3)} baked into the last layer`);
  const test = asLabelledImages(await loadMnistSplit('test', mnist));
  const scores = score(predictDigits(model, test.images), test.labels);
  test.images.dispose();
  console.log(`MNIST test accuracy ${percent(scores.accuracy)} (${scores.n} images)`);
  const hints = CONVERSION_HINTS.filter((hint) => hint !== describeFlags(conversion)).join(', or ');
  if (scores.accuracy < values['min-accuracy']) {
    throw new LowAccuracyError(`${file} reads ${percent(scores.accuracy)} of MNIST right, below --min-accuracy ${values['min-accuracy']}; nothing was installed. Did the model expect other inputs? try ${hints}`);
  }
  if (scores.accuracy < LOW_ACCURACY) {
    console.warn(`warning: ${percent(scores.accuracy)} on MNIST is low for a digit model: did the model expect other inputs? try ${hints}`);
  }
  const metadata = {
    name: values.name,
    arch: 'keras',
    description: `Imported from ${basename(file)} (Keras ${kerasVersion ?? 'version not recorded'}, ${chain.modelClass})`,
    source: { file: basename(file), sha256: sha256(bytes), kerasVersion, layout },
    architecture,
    inputConversion: { ...conversion, description: describeConversion(conversion) },
    ...(temperature === null ? {} : { temperature }),
    testAccuracy: scores.accuracy,
    perClass: scores.perClass,
    confusion: scores.confusion,
    parameters: model.countParams(),
    weightBytes: weightBytes(model),
    ...provenance(backend.description),
  };
  await writeModelOutput(plan, model, metadata);
  console.log(`saved ${out}; play it with ?model=${values.name}`);
});

/** The flags that gave `c`, to leave the one already tried out of the hints. */
function describeFlags(c: InputConversion): string {
  const flags = [c.scale !== 1 ? `--input-scale ${c.scale}` : '', c.mean !== 0 || c.std !== 1 ? `--mean ${c.mean} --std ${c.std}` : '', c.invert ? '--invert' : ''];
  return flags.filter((f) => f !== '').join(' ');
}
