import { BACKEND_FLAG, initBackend } from '../ml/backend/backend.ts';
import { benchTrain } from '../ml/training/bench.ts';
import { defineCli } from '../ml/process/flags.ts';
import { UsageError } from '../ml/process/options.ts';
import { asLabelledImages, splitTraining } from '../ml/data/splits.ts';
import { DATA_DIR_FLAG, loadMnist } from '../ml/data/mnist.ts';
import { resolvePenDir } from '../ml/data/pen.ts';
import { PEN_FOLDS_DEFAULTS } from './bench/penFolds.ts';

const CLI = defineCli({
  command: 'npm run bench -- train|browser|train-mode|reject|pen|pen-folds|finetune [options]',
  about: `  train                    training images/s (ours on 1 thread and on all cores, plain tfjs) and
                           seconds to 99.0 % test accuracy
  browser                  the game in headless Chromium: time to ready, prediction latency, frames,
                           drawing smoothness per renderer next to a plain canvas-2D page and in the
                           Inside mode next to free draw, free draw on a 390x844 3x phone at the
                           resolution the game picks and at 1x, sizes
  train-mode               the Train mode in headless Chromium: held-out accuracy after 60 s of training
                           in the page's worker, our work per frame meanwhile (a digit drawn every 8 s)
  reject                   what the game answers for MNIST test digits (as they are and redrawn small
                           with the game's brush) and for dots, dashes, ticks, scribbles and letters:
                           false rejects and false accepts of the model's "not a digit"
  pen                      real pen handwriting of writers left out of training (UNIPEN): digits read
                           right (per group), turned away, letters shown as a digit, the first half
                           and three quarters of digits read as another digit, shapes, MNIST test
  pen-folds                the pen recipe on every writer: each group's writers dealt into folds, a
                           model trained from --init (a model that learnt no pen data) for each fold
                           on the other folds' writers, the same figures as pen for the writers it
                           left out, pooled over the folds (about 10 min a fold on two WASM threads)
  finetune                 teaching simulated writers MNIST lacks (scripts/bench/writers.ts) and, with the
                           pen data, real writers the model never learnt from, 1, 5 and 20 digits per
                           class: their error before/after, MNIST test accuracy and share read at >= 0.9
                           after, time
                           to teach in Node and, for the first writer, in headless Chromium (the game's
                           Teach, with teaching's work per frame)`,
  flags: {
    steps: { type: 'integer', help: 'train: timed training steps per throughput figure', default: 20 },
    'no-target': { type: 'boolean', help: 'train: skip the time-to-99 % run (it trains for a few minutes)' },
    model: { type: 'string', arg: 'DIR', help: 'reject: the digit model; finetune: the base model; pen: models,\ncomma-separated (default: assets/models/default, and for pen also assets/models/seed)' },
    'pen-dir': { type: 'string', arg: 'DIR', help: 'pen, finetune: the pen data (default: $PEN_DIR)' },
    seed: { type: 'integer', help: 'reject: seed of the non-digit shapes (default: 1)' },
    'no-browser': { type: 'boolean', help: 'finetune: skip the teaches in Chromium' },
    writers: { type: 'string', arg: 'LIST', help: 'finetune: simulated writers, comma-separated, or none (default: all)' },
    'per-class': { type: 'string', arg: 'LIST', help: 'finetune: digits taught per class, comma-separated (default: 1,5,20)' },
    'mnist-test': { type: 'integer', help: 'finetune: MNIST test digits read after each teach (default: 5000)' },
    backend: BACKEND_FLAG,
    'data-dir': DATA_DIR_FLAG,
    folds: { type: 'integer', help: `pen-folds: how many folds (default: ${PEN_FOLDS_DEFAULTS.folds})` },
    init: { type: 'string', arg: 'DIR', help: 'pen-folds: the MNIST-only model every fold starts from' },
    epochs: { type: 'integer', help: `pen-folds: epochs per fold (default: ${PEN_FOLDS_DEFAULTS.epochs})` },
    limit: { type: 'integer', help: `pen-folds: MNIST training images per fold (default: ${PEN_FOLDS_DEFAULTS.limit})` },
    lr: { type: 'number', help: `pen-folds: peak learning rate (default: ${PEN_FOLDS_DEFAULTS.learningRate})` },
    'pen-copies': { type: 'integer', help: `pen-folds: distorted drawings of each training writer's pen digit (default: ${PEN_FOLDS_DEFAULTS.drawing.digitCopies})` },
    'pen-warp': { type: 'fraction', arg: 'F', help: 'pen-folds: bend each pen path by a smooth field of up to F of its size (default: 0)' },
    json: { type: 'boolean', help: 'print one JSON object as the last line' },
  },
  positionals: true,
});

await CLI.run(async (args) => {
  const { values, positionals } = args;
  const [command, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  const log = values.json ? (line: string) => { console.error(line); } : (line: string) => { console.log(line); };
  if (command === 'train') {
    const backend = await initBackend(values.backend);
    log(`backend ${backend.description}`);
    const { steps } = values;
    let mnist;
    if (!values['no-target']) {
      const data = await loadMnist({ dataDir: values['data-dir'] });
      mnist = { train: splitTraining(data.train).train, test: asLabelledImages(data.test) };
    }
    const result = await benchTrain({ steps, warmupSteps: 3, targetAccuracy: 0.99, log, ...(mnist ? { mnist } : {}) });
    log(
      `images/s ${result.imagesPerSecond.toFixed(0)} on ${result.threads} thread(s) (1 thread ${result.singleThreadImagesPerSecond.toFixed(0)}, ` +
        `plain tfjs ${result.baselineImagesPerSecond?.toFixed(0) ?? '-'}), seconds to 99 % ${result.secondsTo99?.toFixed(0) ?? '-'}`,
    );
    if (values.json) console.log(JSON.stringify(result));
  } else if (command === 'browser') {
    const { benchBrowser } = await import('./bench/browser.ts');
    const result = await benchBrowser({ json: values.json });
    if (values.json) console.log(JSON.stringify(result));
  } else if (command === 'train-mode') {
    const { benchTrainMode } = await import('./bench/trainMode.ts');
    const result = await benchTrainMode(log);
    if (values.json) console.log(JSON.stringify(result));
  } else if (command === 'reject') {
    const backend = await initBackend(values.backend);
    const { benchReject, REJECT_DEFAULTS } = await import('./bench/reject.ts');
    const options = {
      ...REJECT_DEFAULTS,
      modelDir: values.model ?? REJECT_DEFAULTS.modelDir,
      seed: values.seed ?? REJECT_DEFAULTS.seed,
      dataDir: values['data-dir'],
      log,
    };
    log(`model ${options.modelDir} on ${backend.description}; ${options.perKind} shapes of each kind, seed ${options.seed}`);
    const result = await benchReject(options);
    if (values.json) console.log(JSON.stringify(result));
  } else if (command === 'pen') {
    const backend = await initBackend(values.backend);
    log(`backend ${backend.description}`);
    const { benchPen, PEN_BENCH_DEFAULTS } = await import('./bench/pen.ts');
    const penDir = resolvePenDir({ dataDir: values['pen-dir'] });
    if (!penDir) throw new UsageError('bench pen needs the pen data: set PEN_DIR or give --pen-dir (e.g. ../shared/data/pen)');
    const models = values.model ? values.model.split(',') : [...PEN_BENCH_DEFAULTS.models];
    const rows = await benchPen({ ...PEN_BENCH_DEFAULTS, models, penDir, dataDir: values['data-dir'], log });
    if (values.json) console.log(JSON.stringify({ backend: backend.name, rows }));
  } else if (command === 'pen-folds') {
    const backend = await initBackend(values.backend);
    log(`backend ${backend.description}`);
    const { benchPenFolds } = await import('./bench/penFolds.ts');
    const penDir = resolvePenDir({ dataDir: values['pen-dir'] });
    if (!penDir) throw new UsageError('bench pen-folds needs the pen data: set PEN_DIR or give --pen-dir (e.g. ../shared/data/pen)');
    if (!values.init) throw new UsageError('bench pen-folds needs --init DIR: a model that learnt no pen data (e.g. the MNIST-only default of commit b82f98d)');
    const row = await benchPenFolds({
      ...PEN_FOLDS_DEFAULTS,
      folds: values.folds ?? PEN_FOLDS_DEFAULTS.folds,
      init: values.init,
      epochs: values.epochs ?? PEN_FOLDS_DEFAULTS.epochs,
      limit: values.limit ?? PEN_FOLDS_DEFAULTS.limit,
      learningRate: values.lr ?? PEN_FOLDS_DEFAULTS.learningRate,
      drawing: { digitCopies: values['pen-copies'] ?? PEN_FOLDS_DEFAULTS.drawing.digitCopies, warp: values['pen-warp'] ?? PEN_FOLDS_DEFAULTS.drawing.warp },
      penDir,
      dataDir: values['data-dir'],
      log,
    });
    if (values.json) console.log(JSON.stringify({ backend: backend.name, row }));
  } else if (command === 'finetune') {
    const backend = await initBackend(values.backend);
    log(`backend ${backend.description}`);
    const { benchFinetune, FINETUNE_BENCH_DEFAULTS } = await import('./bench/finetune.ts');
    const { WRITERS } = await import('./bench/writers.ts');
    const writers = values.writers === undefined ? FINETUNE_BENCH_DEFAULTS.writers : values.writers === 'none' ? [] : values.writers.split(',').map((name) => {
      const writer = WRITERS.find((w) => w === name);
      if (writer === undefined) throw new UsageError(`--writers: unknown writer '${name}' (${WRITERS.join(', ')})`);
      return writer;
    });
    const perClass = values['per-class'] === undefined ? FINETUNE_BENCH_DEFAULTS.perClass : values['per-class'].split(',').map((k) => {
      const n = Number(k);
      if (!Number.isInteger(n) || n < 1) throw new UsageError(`--per-class: '${k}' is not a positive integer`);
      return n;
    });
    const penDir = resolvePenDir({ dataDir: values['pen-dir'] });
    if (penDir === undefined) log('no pen data (PEN_DIR or --pen-dir): simulated writers only');
    const rows = await benchFinetune({
      ...FINETUNE_BENCH_DEFAULTS,
      modelDir: values.model ?? FINETUNE_BENCH_DEFAULTS.modelDir,
      dataDir: values['data-dir'],
      writers,
      perClass,
      penDir,
      mnistTest: values['mnist-test'] ?? FINETUNE_BENCH_DEFAULTS.mnistTest,
      fineTune: {},
      browser: !values['no-browser'],
      log,
    });
    if (values.json) console.log(JSON.stringify({ backend: backend.name, rows }));
  } else {
    throw new UsageError(command ? `unknown benchmark '${command}'` : 'name a benchmark: train, browser, train-mode, reject, pen, pen-folds or finetune');
  }
});
