import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import { NUM_CLASSES } from '../../common/digit.ts';
import { BACKENDS, initBackend } from '../backend/backend.ts';
import { writeFileAtomic } from '../data/files.ts';
import { EXPORTED_LAYERS, writeKeras } from '../keras/kerasWriter.ts';
import { checkClassCount, loadModel } from '../models/modelFiles.ts';
import { SHARED_FLAGS, UsageError, oneOf, runCli } from '../process/options.ts';
import { checkWritable, readMetadata } from './modelOutput.ts';

const USAGE = `usage: npm run export-keras -- --model DIR --out FILE.keras
  Writes a tfjs layers model (seed and default architectures) as a Keras 3 .keras file that
  keras.models.load_model reads; the softmax temperature is already in the last Dense layer.
  Layers it writes: ${EXPORTED_LAYERS.join(', ')}.
  --model DIR              a tfjs layers model directory (model.json + weights)
  --out FILE.keras         the file to write
  --force                  replace an existing FILE.keras
  --backend node|wasm|cpu  force a backend (default: the fastest that loads)`;

await runCli(USAGE, async () => {
  const { values } = parseArgs({
    strict: true,
    allowPositionals: false,
    options: { ...SHARED_FLAGS, model: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.model === undefined) throw new UsageError('--model DIR is required');
  if (values.out === undefined) throw new UsageError('--out FILE.keras is required');
  const out = values.out;
  // Keras picks its loader by the extension: anything else would not load as a .keras model
  if (!out.endsWith('.keras')) throw new UsageError(`--out must end in .keras, got '${out}'`);
  if (existsSync(out) && !values.force) throw new UsageError(`--out ${out} exists; nothing was written: choose another path or add --force`);
  await checkWritable(out, '--out', dirname(out));
  await initBackend(oneOf('backend', values.backend, BACKENDS));
  const model = await loadModel(values.model);
  checkClassCount(model, values.model, NUM_CLASSES);
  const metadata = await readMetadata(values.model);
  await writeFileAtomic(out, await writeKeras(model));
  const temperature = typeof metadata.temperature === 'number' ? `, softmax temperature ${metadata.temperature.toFixed(3)} folded into the last Dense layer` : '';
  console.log(`wrote ${out} (Keras 3 .keras: ${model.layers.length} layers${temperature})`);
});
