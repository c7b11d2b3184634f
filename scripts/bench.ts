import { parseArgs } from 'node:util';
import { BACKENDS, initBackend } from '../ml/backend/backend.ts';
import { benchTrain } from '../ml/training/bench.ts';
import { SHARED_FLAGS, UsageError, oneOf, positiveInteger, runCli } from '../ml/process/options.ts';
import { asLabelledImages, splitTraining } from '../ml/data/splits.ts';
import { loadMnist } from '../ml/data/mnist.ts';

const USAGE = `usage: npm run bench -- train|browser|reject|pen|finetune [options]
  train                    training images/s (ours on 1 thread and on all cores, plain tfjs) and
                           seconds to 99.0 % test accuracy
    --steps N              timed training steps per throughput figure (default: 20)
    --no-target            skip the time-to-99 % run (it trains for a few minutes)
    --backend node|wasm|cpu
    --data-dir DIR         MNIST files (default: $MNIST_DIR, else a per-user cache)
  browser                  the game in headless Chromium: time to ready, prediction latency, frames,
                           drawing smoothness per renderer next to a plain canvas-2D page, sizes
  reject                   what the game answers for MNIST test digits (as they are and redrawn small
                           with the game's brush) and for dots, dashes, ticks, scribbles and letters:
                           false rejects and false accepts of the model's "not a digit"
    --model DIR            the digit model (default: assets/models/default)
    --seed N               seed of the non-digit shapes (default: 1)
  pen                      real pen handwriting of writers left out of training (UNIPEN): digits read
                           right (per group), turned away, letters shown as a digit, the first half
                           and three quarters of digits read as another digit, shapes, MNIST test
    --model DIR[,DIR]      the models (default: assets/models/default,assets/models/seed)
    --pen-dir DIR          the pen data (default: $PEN_DIR)
  finetune                 teaching simulated writers MNIST lacks (scripts/bench/writers.ts) 1, 5 and 20
                           digits per class: their error before/after, MNIST test accuracy after, time
                           to teach in Node and, for the first writer, in headless Chromium (the game's
                           Teach, with teaching's work per frame)
    --model DIR            the base model (default: assets/models/default)
    --no-browser           skip the teaches in Chromium
  --json                   print one JSON object as the last line`;

await runCli(USAGE, async () => {
  const { values, positionals } = parseArgs({
    strict: true,
    allowPositionals: true,
    options: {
      ...SHARED_FLAGS,
      json: { type: 'boolean', default: false },
      steps: { type: 'string' },
      'no-target': { type: 'boolean', default: false },
      'no-browser': { type: 'boolean', default: false },
      model: { type: 'string' },
      seed: { type: 'string' },
      'pen-dir': { type: 'string' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const [command, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(' ')}`);
  const log = values.json ? (line: string) => { console.error(line); } : (line: string) => { console.log(line); };
  if (command === 'train') {
    const backend = await initBackend(oneOf('backend', values.backend, BACKENDS));
    log(`backend ${backend.description}`);
    const steps = positiveInteger('steps', values.steps, 20);
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
  } else if (command === 'reject') {
    const backend = await initBackend(oneOf('backend', values.backend, BACKENDS));
    const { benchReject, REJECT_DEFAULTS } = await import('./bench/reject.ts');
    const options = {
      ...REJECT_DEFAULTS,
      modelDir: values.model ?? REJECT_DEFAULTS.modelDir,
      seed: positiveInteger('seed', values.seed, REJECT_DEFAULTS.seed),
      dataDir: values['data-dir'],
      log,
    };
    log(`model ${options.modelDir} on ${backend.description}; ${options.perKind} shapes of each kind, seed ${options.seed}`);
    const result = await benchReject(options);
    if (values.json) console.log(JSON.stringify(result));
  } else if (command === 'pen') {
    const backend = await initBackend(oneOf('backend', values.backend, BACKENDS));
    log(`backend ${backend.description}`);
    const { benchPen, PEN_BENCH_DEFAULTS } = await import('./bench/pen.ts');
    const { resolvePenDir } = await import('../ml/data/pen.ts');
    const penDir = resolvePenDir({ dataDir: values['pen-dir'] });
    if (!penDir) throw new UsageError('bench pen needs the pen data: set PEN_DIR or give --pen-dir (e.g. ../shared/data/pen)');
    const models = values.model ? values.model.split(',') : [...PEN_BENCH_DEFAULTS.models];
    const rows = await benchPen({ ...PEN_BENCH_DEFAULTS, models, penDir, dataDir: values['data-dir'], log });
    if (values.json) console.log(JSON.stringify({ backend: backend.name, rows }));
  } else if (command === 'finetune') {
    const backend = await initBackend(oneOf('backend', values.backend, BACKENDS));
    log(`backend ${backend.description}`);
    const { benchFinetune, FINETUNE_BENCH_DEFAULTS } = await import('./bench/finetune.ts');
    const rows = await benchFinetune({ ...FINETUNE_BENCH_DEFAULTS, modelDir: values.model ?? FINETUNE_BENCH_DEFAULTS.modelDir, dataDir: values['data-dir'], fineTune: {}, browser: !values['no-browser'], log });
    if (values.json) console.log(JSON.stringify({ backend: backend.name, rows }));
  } else {
    throw new UsageError(command ? `unknown benchmark '${command}'` : 'name a benchmark: train, browser, reject, pen or finetune');
  }
});
