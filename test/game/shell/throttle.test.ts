import { describe, expect, test } from 'vitest';
import { Throttle } from '../../../game/shell/throttle.ts';
import type { Timer } from '../../../game/shell/platform/timer.ts';

/** A clock that moves only when told, with timers fired in order. */
class FakeTimer implements Timer {
  time = 0;
  private timers: { at: number; run: () => void }[] = [];
  now(): number {
    return this.time;
  }
  after(ms: number, run: () => void): void {
    this.timers.push({ at: this.time + ms, run });
  }
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await flush();
      this.timers.sort((a, b) => a.at - b.at);
      const next = this.timers[0];
      if (next === undefined || next.at > end) break;
      this.timers.shift();
      this.time = next.at;
      next.run();
    }
    this.time = end;
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

function setup(interval = 100) {
  const timer = new FakeTimer();
  const starts: number[] = [];
  const throttle = new Throttle(() => {
    starts.push(timer.now());
    return Promise.resolve();
  }, interval, timer);
  return { timer, starts, throttle };
}

describe('Throttle', () => {
  test('the first request runs at once', async () => {
    const { starts, throttle } = setup();
    throttle.request();
    await flush();
    expect(starts).toEqual([0]);
  });

  test('a burst of requests runs at most once per interval and once after the last', async () => {
    const { timer, starts, throttle } = setup(100);
    for (let t = 0; t < 350; t += 10) {
      throttle.request();
      await timer.advance(10);
    }
    await timer.advance(500);
    expect(starts).toEqual([0, 100, 200, 300, 400]);
  });

  test('no request, no run', async () => {
    const { timer, starts } = setup();
    await timer.advance(1000);
    expect(starts).toEqual([]);
  });

  test('runs never overlap: a request during a slow run waits for it', async () => {
    const timer = new FakeTimer();
    let running = 0;
    let maxRunning = 0;
    const throttle = new Throttle(async () => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      await new Promise<void>((resolve) => { timer.after(250, resolve); });
      running--;
    }, 50, timer);
    throttle.request();
    await timer.advance(10);
    throttle.request();
    await timer.advance(1000);
    expect(maxRunning).toBe(1);
  });

  test('now() skips the interval and idle() resolves after the run', async () => {
    const { timer, starts, throttle } = setup(100);
    throttle.request();
    await timer.advance(10);
    const done = throttle.now();
    await flush();
    await done;
    expect(starts).toEqual([0, 10]);
  });
});
