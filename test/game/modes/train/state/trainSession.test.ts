import { describe, expect, test } from 'vitest';
import type { TrainProgress } from '../../../../../common/train/protocol.ts';
import { CLOSED, nextSession, nextSpeed, type SessionEvent, type TrainSession } from '../../../../../game/modes/train/state/trainSession.ts';
import { statusLine, pauseCaption } from '../../../../../game/modes/train/state/trainTexts.ts';

const READY: SessionEvent = { type: 'ready', backend: 'wasm', trainDigits: 4000, heldOutDigits: 1000, filterCount: 8, filterSize: 5 };

function progress(fields: Partial<TrainProgress> = {}): TrainProgress {
  return {
    type: 'progress', run: 1, steps: 10, seconds: 1, examples: 320, loss: 1.5, accuracy: null,
    filters: new Float32Array(200).fill(0.1), guess: null, guessFor: 0, paused: false, tensors: 30, ...fields,
  };
}

function play(events: readonly SessionEvent[], from: TrainSession = CLOSED): TrainSession {
  return events.reduce(nextSession, from);
}

describe('the Train room\'s session', () => {
  test('opens, loads, trains: reports add curve points, count filter changes and carry the guess', () => {
    const training = play([{ type: 'open' }, READY]);
    expect(training.phase).toBe('training');
    expect(training.filterCount).toBe(8);
    const a = play([progress({ accuracy: 0.1 }), progress({ steps: 20, seconds: 2, loss: 0.9, filters: new Float32Array(200).fill(0.2) }),
      progress({ steps: 30, seconds: 3, loss: 0.5, accuracy: 0.9, filters: new Float32Array(200).fill(0.2), guess: Float32Array.from([0, 1, 0, 0, 0, 0, 0, 0, 0, 0]), guessFor: 7 })], training);
    expect(a.loss).toEqual([{ x: 1, y: 1.5 }, { x: 2, y: 0.9 }, { x: 3, y: 0.5 }]);
    expect(a.accuracy).toEqual([{ x: 1, y: 0.1 }, { x: 3, y: 0.9 }]);
    // the first report sets the filters; the second changes them; the third repeats them
    expect(a.filterChanges).toBe(1);
    expect(a.steps).toBe(30);
    expect(a.guessFor).toBe(7);
    expect(statusLine(a)).toBe('Training · step 30 · 320 digits seen · 3 s · WASM');
  });

  test('pause and resume only while training; a report while paused still shows (the guess on a new drawing)', () => {
    const paused = play([{ type: 'open' }, READY, { type: 'pause' }]);
    expect(paused.phase).toBe('paused');
    expect(pauseCaption(paused)).toBe('Resume');
    expect(nextSession(paused, { type: 'pause' })).toBe(paused);
    expect(play([progress({ guessFor: 3 })], paused).guessFor).toBe(3);
    expect(nextSession(paused, { type: 'resume' }).phase).toBe('training');
    expect(nextSession(CLOSED, { type: 'pause' })).toBe(CLOSED);
  });

  test('restart empties the curves and ignores the late reports of the network before it', () => {
    const trained = play([{ type: 'open' }, READY, progress({ accuracy: 0.5 })]);
    const restarted = nextSession(trained, { type: 'restart' });
    expect(restarted.run).toBe(2);
    expect(restarted.loss).toEqual([]);
    expect(restarted.accuracy).toEqual([]);
    expect(nextSession(restarted, progress({ run: 1, steps: 99 }))).toBe(restarted);
    expect(nextSession(restarted, progress({ run: 2, steps: 1 })).steps).toBe(1);
  });

  test('a failure while loading leaves it failed, with the reason; opening again starts afresh', () => {
    const failed = play([{ type: 'open' }, { type: 'failed', message: 'The training digits arrived damaged' }]);
    expect(failed.phase).toBe('failed');
    expect(failed.problem).toMatch(/damaged/);
    expect(nextSession(failed, progress())).toBe(failed);
    expect(nextSession(failed, { type: 'pause' })).toBe(failed);
    const again = nextSession(failed, { type: 'open' });
    expect(again.phase).toBe('loading');
    expect(again.problem).toBe('');
  });

  test('a failure after it started (Keep) keeps it training', () => {
    const training = play([{ type: 'open' }, READY, { type: 'failed', message: 'The network could not be kept' }]);
    expect(training.phase).toBe('training');
  });

  test('the speed cycles slow, medium, full and stays while loading', () => {
    expect([nextSpeed('slow'), nextSpeed('medium'), nextSpeed('full')]).toEqual(['medium', 'full', 'slow']);
    expect(play([{ type: 'speed', speed: 'slow' }, { type: 'open' }]).speed).toBe('slow');
  });
});
