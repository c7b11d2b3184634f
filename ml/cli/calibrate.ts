import { dirname, join } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { BACKEND_FLAG, initBackend } from '../backend/backend.ts';
import { defineCli } from '../process/flags.ts';
import { UsageError } from '../process/options.ts';
import { DATA_DIR_FLAG, loadMnist } from '../data/mnist.ts';
import { checkDigitModel, loadModel } from '../models/modelFiles.ts';
import { checkModelOutput, readMetadata, writeModelIndex, writeModelOutput } from './modelOutput.ts';
import { calibrate } from '../models/temperature.ts';
import { hasRejection, rejectThresholdIn } from '../../common/reading.ts';
import { writeFileAtomic } from '../data/files.ts';
import type { LabelledImages } from '../data/labelledImages.ts';
import { resolvePenDir } from '../data/pen.ts';
import { asLabelledImages, splitTraining } from '../data/splits.ts';
import { percent } from '../eval/metrics.ts';
import { METADATA_JSON } from '../models/modelFiles.ts';
import { predictProbabilities } from '../models/predict.ts';
import { REJECT_TARGET, chooseRejection, validationWriterDigits } from '../training/penTraining.ts';

const CLI = defineCli({
  command: 'npm run calibrate -- --model DIR',
  about: `  Fits a softmax temperature on the held-out validation images and bakes it into the model's last
  layer, so its probabilities are calibrated (training does this itself; this is for older models).
  With --rejection it instead chooses again the "not a digit" threshold of a model that has that
  output, as training does, and rewrites only metadata.json (the weights stay as they are).`,
  flags: {
    model: { type: 'string', arg: 'DIR', help: 'a tfjs layers model directory with metadata.json' },
    rejection: { type: 'boolean', help: 'choose the "not a digit" threshold again on the validation writers\' digits\nand MNIST validation digits, leaving the weights as they are' },
    'pen-dir': { type: 'string', arg: 'DIR', help: 'real pen handwriting for --rejection (default: $PEN_DIR)' },
    backend: BACKEND_FLAG,
    'data-dir': DATA_DIR_FLAG,
  },
});

await CLI.run(async ({ values }) => {
  if (!values.model) throw new UsageError('--model DIR is required');
  // the pen data --rejection chooses on; checked before anything is loaded
  const rejectionPenDir = values.rejection ? penDirFor(values['pen-dir']) : undefined;
  // replacing the model it reads is calibrate's job, so no --force; a folder with more in it is still refused
  const plan = await checkModelOutput(values.model, { flag: '--model', force: true });
  await initBackend(values.backend);
  const metadata = await readMetadata(values.model);
  const model = await loadModel(values.model);
  checkDigitModel(model, values.model);
  if (rejectionPenDir !== undefined && !hasRejection(model.outputs[0]?.shape.at(-1) ?? 0)) throw new UsageError(`--rejection: ${values.model} has no "not a digit" output`);
  const mnist = await loadMnist({ dataDir: values['data-dir'] });
  const { validation } = splitTraining(mnist.train);
  if (rejectionPenDir !== undefined) {
    await chooseRejectionAgain(values.model, model, metadata, validation, asLabelledImages(mnist.test), rejectionPenDir);
    if (plan.updatesIndex) await writeModelIndex(dirname(values.model));
    return;
  }
  const temperature = calibrate(model, validation);
  // Calibrating twice composes: the model's effective temperature is the product.
  const total = (typeof metadata.temperature === 'number' ? metadata.temperature : 1) * temperature;
  await writeModelOutput(plan, model, { ...metadata, temperature: total });
  console.log(`temperature ${temperature.toFixed(3)} applied to ${values.model} (effective ${total.toFixed(3)})`);
});

function penDirFor(flag: string | undefined): string {
  const dir = resolvePenDir({ dataDir: flag });
  if (!dir) throw new UsageError('--rejection needs the pen data: give --pen-dir or set PEN_DIR (e.g. ../shared/data/pen)');
  return dir;
}

/**
 * The threshold chosen again and written into metadata.json alone. Figures its metadata records
 * that depend on it (the pen digits read right under `weights`) are left as they were: they were
 * measured on weights that may no longer exist (float32 before quantising), so the command says so.
 */
async function chooseRejectionAgain(dir: string, model: tf.LayersModel, metadata: Record<string, unknown>, validation: LabelledImages, test: LabelledImages, penDir: string): Promise<void> {
  const rejection = chooseRejection(model, validation, await validationWriterDigits(penDir), predictProbabilities(model, test.images));
  const before = rejectThresholdIn(metadata);
  await writeFileAtomic(join(dir, METADATA_JSON), `${JSON.stringify({ ...metadata, rejection: { ...rejection, falseRejectTarget: REJECT_TARGET } }, null, 2)}\n`);
  console.log(
    `rejection   "not a digit" from ${rejection.threshold.toFixed(3)} (was ${before?.toFixed(3) ?? 'none'}), chosen to turn away ${percent(REJECT_TARGET)} of validation digits: ` +
      `${percent(rejection.validationRejected)} there, ${percent(rejection.testRejected)} of MNIST test`,
  );
  if ('weights' in metadata) console.log(`note        ${join(dir, METADATA_JSON)} keeps its recorded pen figures (under "weights"), read at the old threshold: measure them again`);
}
