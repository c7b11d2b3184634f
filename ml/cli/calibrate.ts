import { BACKEND_FLAG, initBackend } from '../backend/backend.ts';
import { defineCli } from '../process/flags.ts';
import { UsageError } from '../process/options.ts';
import { splitTraining } from '../data/splits.ts';
import { DATA_DIR_FLAG, loadMnist } from '../data/mnist.ts';
import { checkDigitModel, loadModel } from '../models/modelFiles.ts';
import { checkModelOutput, readMetadata, writeModelOutput } from './modelOutput.ts';
import { calibrate } from '../models/temperature.ts';

const CLI = defineCli({
  command: 'npm run calibrate -- --model DIR',
  about: `  Fits a softmax temperature on the held-out validation images and bakes it into the model's last
  layer, so its probabilities are calibrated (training does this itself; this is for older models).`,
  flags: {
    model: { type: 'string', arg: 'DIR', help: 'a tfjs layers model directory with metadata.json' },
    backend: BACKEND_FLAG,
    'data-dir': DATA_DIR_FLAG,
  },
});

await CLI.run(async ({ values }) => {
  if (!values.model) throw new UsageError('--model DIR is required');
  // replacing the model it reads is calibrate's job, so no --force; a folder with more in it is still refused
  const plan = await checkModelOutput(values.model, { flag: '--model', force: true });
  await initBackend(values.backend);
  const metadata = await readMetadata(values.model);
  const model = await loadModel(values.model);
  checkDigitModel(model, values.model);
  const { validation } = splitTraining((await loadMnist({ dataDir: values['data-dir'] })).train);
  const temperature = calibrate(model, validation);
  // Calibrating twice composes: the model's effective temperature is the product.
  const total = (typeof metadata.temperature === 'number' ? metadata.temperature : 1) * temperature;
  await writeModelOutput(plan, model, { ...metadata, temperature: total });
  console.log(`temperature ${temperature.toFixed(3)} applied to ${values.model} (effective ${total.toFixed(3)})`);
});
