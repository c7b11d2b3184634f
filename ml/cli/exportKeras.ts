import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { BACKEND_FLAG, initBackend } from '../backend/backend.ts';
import { writeFileAtomic } from '../data/files.ts';
import { EXPORTED_LAYERS, writeKeras } from '../keras/kerasWriter.ts';
import { checkDigitModel, loadModel } from '../models/modelFiles.ts';
import { defineCli } from '../process/flags.ts';
import { UsageError } from '../process/options.ts';
import { checkWritable, readMetadata } from './modelOutput.ts';

const CLI = defineCli({
  command: 'npm run export-keras -- --model DIR --out FILE.keras',
  about: `  Writes a tfjs layers model (seed and default architectures) as a Keras 3 .keras file that
  keras.models.load_model reads; the softmax temperature is already in the last Dense layer.
  Layers it writes: ${EXPORTED_LAYERS.join(', ')}.`,
  flags: {
    model: { type: 'string', arg: 'DIR', help: 'a tfjs layers model directory (model.json + weights)' },
    out: { type: 'string', arg: 'FILE.keras', help: 'the file to write' },
    force: { type: 'boolean', help: 'replace an existing FILE.keras' },
    backend: BACKEND_FLAG,
  },
});

await CLI.run(async ({ values }) => {
  if (values.model === undefined) throw new UsageError('--model DIR is required');
  if (values.out === undefined) throw new UsageError('--out FILE.keras is required');
  const out = values.out;
  // Keras picks its loader by the extension: anything else would not load as a .keras model
  if (!out.endsWith('.keras')) throw new UsageError(`--out must end in .keras, got '${out}'`);
  if (existsSync(out) && !values.force) throw new UsageError(`--out ${out} exists; nothing was written: choose another path or add --force`);
  await checkWritable(out, '--out', dirname(out));
  await initBackend(values.backend);
  const model = await loadModel(values.model);
  checkDigitModel(model, values.model);
  const metadata = await readMetadata(values.model);
  await writeFileAtomic(out, await writeKeras(model));
  const temperature = typeof metadata.temperature === 'number' ? `, softmax temperature ${metadata.temperature.toFixed(3)} folded into the last Dense layer` : '';
  console.log(`wrote ${out} (Keras 3 .keras: ${model.layers.length} layers${temperature})`);
});
