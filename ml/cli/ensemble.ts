import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { NUM_CLASSES } from '../../common/digit.ts';
import { BACKENDS, initBackend } from '../backend/backend.ts';
import { SHARED_FLAGS, UsageError, oneOf, runCli } from '../process/options.ts';
import { asLabelledImages, splitTraining } from '../data/splits.ts';
import { combineModels } from '../models/ensemble.ts';
import { formatConfusion, percent, score } from '../eval/metrics.ts';
import { loadMnist } from '../data/mnist.ts';
import { checkClassCount, loadModel, provenance, weightBytes } from '../models/modelFiles.ts';
import { checkModelOutput, readMetadata, writeModelOutput } from './modelOutput.ts';
import { argMaxRows, predictProbabilities } from '../models/predict.ts';
import { fitTemperature } from '../models/temperature.ts';

const USAGE = `usage: npm run ensemble -- --members DIR,DIR[,...] --out DIR
  Combines models trained by \`npm run train\` (e.g. --arch default with --seed 1, 2, 3, each with
  its own --out) into one tfjs layers model that averages their logits, calibrates it on the
  validation images, scores it on the MNIST test set and saves it with metadata.json.
  --members DIRS           two or more model directories, comma-separated
  --out DIR                where the ensemble goes (e.g. assets/models/trio); an existing model
                           there is only replaced with --force
  --force                  replace the model at --out (kept as a backup until the new one is saved)
  --backend node|wasm|cpu  force a backend (default: the fastest that loads)
  --data-dir DIR           MNIST files (default: $MNIST_DIR, else a per-user cache)`;

await runCli(USAGE, async () => {
  const { values } = parseArgs({
    strict: true,
    allowPositionals: false,
    options: { ...SHARED_FLAGS, members: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const dirs = (values.members ?? '').split(',').filter((dir) => dir !== '');
  if (dirs.length < 2) throw new UsageError('--members needs two or more model directories, comma-separated');
  if (!values.out) throw new UsageError('--out DIR is required');
  const out = values.out;
  const plan = await checkModelOutput(out, { flag: '--out', force: values.force });

  const backend = await initBackend(oneOf('backend', values.backend, BACKENDS));
  console.log(`backend     ${backend.description}`);
  const metadata = await Promise.all(dirs.map((dir) => readMetadata(dir)));
  const members = await Promise.all(dirs.map((dir) => loadModel(dir)));
  members.forEach((member, k) => { checkClassCount(member, dirs[k] ?? '', NUM_CLASSES); });

  const mnist = await loadMnist({ dataDir: values['data-dir'] });
  const { validation } = splitTraining(mnist.train);
  const test = asLabelledImages(mnist.test);

  const uncalibrated = combineModels(members);
  const validationProbabilities = predictProbabilities(uncalibrated, validation.images);
  uncalibrated.dispose();
  const temperature = fitTemperature(validationProbabilities, validation.labels);
  const ensemble = combineModels(members, temperature, basename(out));
  console.log(`calibrated  temperature ${temperature.toFixed(3)} fitted on the validation images`);

  // Dividing every logit by T > 0 never changes which digit wins, so the uncalibrated outputs score validation.
  const validationScores = score(argMaxRows(validationProbabilities, NUM_CLASSES), validation.labels);
  const testScores = score(argMaxRows(predictProbabilities(ensemble, test.images), NUM_CLASSES), test.labels);
  const parameters = ensemble.countParams();
  const bytes = weightBytes(ensemble);
  const first = metadata[0] ?? {};
  const architectures = [...new Set(metadata.map((m) => String(m.arch)))];
  const combined = {
    name: basename(out),
    arch: architectures.length === 1 ? architectures[0] : 'ensemble',
    description: `Ensemble of ${dirs.length} networks (${metadata.map((m) => `${String(m.arch)} seed ${String(m.seed)}`).join(', ')}), logits averaged`,
    recipe: first.recipe,
    members: metadata.map((m, k) => ({
      from: dirs[k],
      arch: m.arch,
      seed: m.seed,
      epochs: m.epochs,
      selectedEpoch: m.selectedEpoch,
      validationAccuracy: m.validationAccuracy,
      testAccuracy: m.testAccuracy,
      trainingSeconds: m.trainingSeconds,
      backend: m.backend,
    })),
    validationAccuracy: validationScores.accuracy,
    temperature,
    testAccuracy: testScores.accuracy,
    perClass: testScores.perClass,
    confusion: testScores.confusion,
    parameters,
    weightBytes: bytes,
    trainingSeconds: metadata.reduce((sum, m) => sum + Number(m.trainingSeconds ?? 0), 0),
    ...provenance(backend.description),
  };
  await writeModelOutput(plan, ensemble, combined);
  metadata.forEach((m, k) => { console.log(`member ${k + 1}    ${dirs[k]}: test ${percent(Number(m.testAccuracy))}`); });
  console.log(`\ntest accuracy ${percent(testScores.accuracy)} (${testScores.n} images), validation ${percent(validationScores.accuracy)}`);
  console.log(formatConfusion(testScores.confusion));
  console.log(`saved ${out} (${parameters} parameters, ${(bytes / 1024).toFixed(0)} KiB)`);
});
