import type { Timer } from './platform/timer.ts';

/**
 * Runs an async task on request, at most once per `intervalMs`, never two at once, and always once
 * more after the last request: live prediction while drawing costs a few milliseconds per run, so
 * running it on every pointer move would eat the frame budget, but the final drawing must always be
 * classified. Requests that arrive while a run is due or in flight are merged into one.
 */
export class Throttle {
  private busy = false;
  private pending = false;
  private timerSet = false;
  private lastStart = Number.NEGATIVE_INFINITY;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly task: () => Promise<void>,
    private readonly intervalMs: number,
    private readonly timer: Timer,
  ) {}

  request(): void {
    this.pending = true;
    this.pump();
  }

  /** Runs as soon as nothing is in flight, ignoring the interval (an explicit Classify). */
  now(): Promise<void> {
    this.pending = true;
    this.lastStart = Number.NEGATIVE_INFINITY;
    this.pump();
    return this.idle();
  }

  /** Resolves once no run is in flight or pending. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private isIdle(): boolean {
    return !this.busy && !this.pending;
  }

  private pump(): void {
    if (this.busy || !this.pending) return;
    const wait = this.lastStart + this.intervalMs - this.timer.now();
    if (wait > 0) {
      if (!this.timerSet) {
        this.timerSet = true;
        this.timer.after(wait, () => {
          this.timerSet = false;
          this.pump();
        });
      }
      return;
    }
    this.pending = false;
    this.busy = true;
    this.lastStart = this.timer.now();
    this.task()
      .catch((error: unknown) => { console.error('throttled task failed', error); })
      .finally(() => {
        this.busy = false;
        this.pump();
        // pump() may have started the next run
        if (this.isIdle()) {
          const waiters = this.idleWaiters;
          this.idleWaiters = [];
          for (const resolve of waiters) resolve();
        }
      });
  }
}
