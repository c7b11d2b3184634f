import { parseArgs } from 'node:util';
import { NUM_CLASSES } from '../../common/digit.ts';
import { BACKENDS, initBackend } from '../backend/backend.ts';
import { SHARED_FLAGS, UsageError, oneOf, runCli } from '../process/options.ts';
import { splitTraining } from '../data/splits.ts';
import { loadMnist } from '../data/mnist.ts';
import { checkClassCount, loadModel } from '../models/modelFiles.ts';
import { checkModelOutput, readMetadata, writeModelOutput } from './modelOutput.ts';
import { calibrate } from '../models/temperature.ts';

const USAGE = `usage: npm run calibrate -- --model DIR
  Fits a softmax temperature on the held-out validation images and bakes it into the model's last
  layer, so its probabilities are calibrated (training does this itself; this is for older models).
  --model DIR              a tfjs layers model directory with metadata.json
  --backend node|wasm|cpu  force a backend (default: the fastest that loads)
  --data-dir DIR           MNIST files (default: $MNIST_DIR, else a per-user cache)`;

await runCli(USAGE, async () => {
  const { values } = parseArgs({
    strict: true,
    allowPositionals: false,
    options: {
      ...SHARED_FLAGS,
      model: { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.model) throw new UsageError('--model DIR is required');
  // replacing the model it reads is calibrate's job, so no --force; a folder with more in it is still refused
  const plan = await checkModelOutput(values.model, { flag: '--model', force: true });
  await initBackend(oneOf('backend', values.backend, BACKENDS));
  const metadata = await readMetadata(values.model);
  const model = await loadModel(values.model);
  checkClassCount(model, values.model, NUM_CLASSES);
  const { validation } = splitTraining((await loadMnist({ dataDir: values['data-dir'] })).train);
  const temperature = calibrate(model, validation);
  // Calibrating twice composes: the model's effective temperature is the product.
  const total = (typeof metadata.temperature === 'number' ? metadata.temperature : 1) * temperature;
  await writeModelOutput(plan, model, { ...metadata, temperature: total });
  console.log(`temperature ${temperature.toFixed(3)} applied to ${values.model} (effective ${total.toFixed(3)})`);
});
