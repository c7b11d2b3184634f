/** Time source and timer, passed in so tests can drive the throttle with a fake clock. */
export interface Timer {
  now(): number;
  after(ms: number, run: () => void): void;
}

export const BROWSER_TIMER: Timer = Object.freeze({
  now: () => performance.now(),
  after: (ms: number, run: () => void) => { setTimeout(run, ms); },
});
