import { basename } from 'node:path';
import { NUM_CLASSES } from '../../common/digit.ts';
import { BACKEND_FLAG, initBackend } from '../backend/backend.ts';
import { defineCli } from '../process/flags.ts';
import { UsageError } from '../process/options.ts';
import { asLabelledImages, splitTraining } from '../data/splits.ts';
import { combineModels } from '../models/ensemble.ts';
import { formatConfusion, percent, score } from '../eval/metrics.ts';
import { DATA_DIR_FLAG, loadMnist } from '../data/mnist.ts';
import { checkClassCount, loadModel, provenance, weightBytes } from '../models/modelFiles.ts';
import { checkModelOutput, readMetadata, writeModelOutput } from './modelOutput.ts';
import { argMaxRows, predictProbabilities } from '../models/predict.ts';
import { fitTemperature } from '../../common/temperature.ts';

const CLI = defineCli({
  command: 'npm run ensemble -- --members DIR,DIR[,...] --out DIR',
  about: `  Combines models trained by \`npm run train\` (e.g. --arch default with --seed 1, 2, 3, each with
  its own --out) into one tfjs layers model that averages their logits, calibrates it on the
  validation images, scores it on the MNIST test set and saves it with metadata.json.`,
  flags: {
    members: { type: 'string', arg: 'DIRS', help: 'two or more model directories, comma-separated' },
    out: { type: 'string', arg: 'DIR', help: 'where the ensemble goes (e.g. assets/models/trio); an existing model\nthere is only replaced with --force' },
    force: { type: 'boolean', help: 'replace the model at --out (kept as a backup until the new one is saved)' },
    backend: BACKEND_FLAG,
    'data-dir': DATA_DIR_FLAG,
  },
});

await CLI.run(async ({ values }) => {
  const dirs = (values.members ?? '').split(',').filter((dir) => dir !== '');
  if (dirs.length < 2) throw new UsageError('--members needs two or more model directories, comma-separated');
  if (!values.out) throw new UsageError('--out DIR is required');
  const out = values.out;
  const plan = await checkModelOutput(out, { flag: '--out', force: values.force });

  const backend = await initBackend(values.backend);
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
