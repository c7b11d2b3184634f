/**
 * The Train mode's worker, built into train/worker.js by scripts/site.ts (an entry of its own, like
 * the service worker): a small network trained from scratch off the page's thread, so drawing and
 * rendering never wait on a training step. It answers the page's messages (common/train/protocol.ts).
 */
import { LIVE_FILTER_SIZE, LIVE_FILTERS } from '../models/liveNet.ts';
import type { FromWorker, ToWorker } from '../../common/train/protocol.ts';
import { startTrainBackend } from './trainBackend.ts';
import { TrainLoop } from './trainLoop.ts';
import { fetchTrainingSet } from './trainingData.ts';

/** The parts of a dedicated worker's global scope used here (ml/ compiles without the DOM's types). */
interface WorkerScope {
  postMessage(message: FromWorker, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { readonly data: ToWorker }) => void): void;
  readonly MessageChannel: new () => {
    readonly port1: { onmessage: (() => void) | null; close(): void };
    readonly port2: { postMessage(message: null): void };
  };
}

const scope = globalThis as unknown as WorkerScope;
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => { scope.postMessage(message, transfer); };

/** A macrotask boundary that is never clamped (setTimeout(0) is, after a few nested calls). */
function yieldOnce(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new scope.MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

let loop: TrainLoop | null = null;
let starting = false;

async function start(siteRoot: string, message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  if (loop !== null || starting) return;
  starting = true;
  try {
    const [set, backend] = await Promise.all([fetchTrainingSet(siteRoot), startTrainBackend(new URL('tfjs/', siteRoot).href)]);
    loop = new TrainLoop(set, message.speed, {
      now: () => performance.now(),
      post,
      wait: (ms) => (ms <= 0 ? yieldOnce() : new Promise((resolve) => { setTimeout(resolve, ms); })),
    });
    post({ type: 'ready', backend, trainDigits: set.train.labels.length, heldOutDigits: set.heldOut.labels.length, filterCount: LIVE_FILTERS, filterSize: LIVE_FILTER_SIZE });
    loop.start();
  } catch (error) {
    post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  } finally {
    starting = false;
  }
}

scope.addEventListener('message', ({ data }) => {
  if (data.type === 'start') {
    void start(data.siteRoot, data);
    return;
  }
  if (loop === null) return;
  switch (data.type) {
    case 'pause':
      loop.pause();
      break;
    case 'resume':
      loop.resume();
      break;
    case 'restart':
      loop.restart();
      break;
    case 'speed':
      loop.setSpeed(data.speed);
      break;
    case 'drawing':
      loop.setDrawing(data.pixels, data.version);
      break;
    case 'export':
      loop.exportModel().catch((error: unknown) => { post({ type: 'failed', message: `The network could not be kept: ${error instanceof Error ? error.message : String(error)}` }); });
      break;
  }
});
