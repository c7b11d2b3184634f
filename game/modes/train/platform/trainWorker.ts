import { TRAIN_WORKER_PATH, type FromWorker, type Speed, type ToWorker } from '../../../../common/train/protocol.ts';

/**
 * The page's end of the Train mode's worker (ml/worker/trainWorker.ts): starts it on the first
 * open, posts the player's choices and hands on what it reports. A worker that cannot start (its
 * script not downloaded, offline on a first visit) reports 'failed' like any other failure.
 */
export class TrainWorker {
  private worker: Worker | null = null;

  constructor(private readonly siteRoot: URL, private readonly report: (message: FromWorker) => void) {}

  /** Starts the worker (it fetches its digits and starts training), unless one is already running. */
  start(speed: Speed): void {
    if (this.worker !== null) return;
    let worker: Worker;
    try {
      worker = new Worker(new URL(TRAIN_WORKER_PATH, this.siteRoot).href);
    } catch (error) {
      this.report({ type: 'failed', message: `Training cannot start here: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    worker.onmessage = (event: MessageEvent<FromWorker>) => {
      if (event.data.type === 'failed' && this.worker === worker) this.stop();
      this.report(event.data);
    };
    // a script that failed to download or to run: the error event carries no HTTP status
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.worker === worker) this.stop();
      this.report({ type: 'failed', message: 'The training code could not be loaded (offline?); open Train again to retry' });
    };
    this.worker = worker;
    this.post({ type: 'start', siteRoot: this.siteRoot.href, speed });
  }

  post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  /** Ends the worker; the next start makes a new one. */
  stop(): void {
    this.worker?.terminate();
    this.worker = null;
  }
}
