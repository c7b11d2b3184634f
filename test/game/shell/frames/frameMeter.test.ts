import { describe, expect, test } from 'vitest';
import { FrameMeter, timed } from '../../../../game/shell/frames/frameMeter.ts';

describe('FrameMeter', () => {
  test('work between frames counts towards the next frame', () => {
    const meter = new FrameMeter();
    meter.add(2);
    meter.add(3);
    meter.endFrame(1);
    meter.endFrame(4);
    expect(meter.recent()).toEqual([6, 4]);
  });

  test('keeps only the last `capacity` frames', () => {
    const meter = new FrameMeter(3);
    for (let i = 1; i <= 5; i++) meter.endFrame(i);
    expect(meter.recent()).toEqual([3, 4, 5]);
  });

  test('timed adds the duration even when the work throws', () => {
    const meter = new FrameMeter();
    let t = 0;
    const now = (): number => (t += 5);
    expect(() => timed(meter, now, () => {
      throw new Error('boom');
    })).toThrow('boom');
    meter.endFrame(0);
    expect(meter.recent()).toEqual([5]);
  });
});
