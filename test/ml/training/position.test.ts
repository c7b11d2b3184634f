import { describe, expect, test } from 'vitest';
import { advance, atEpochEnd, epochsDone, nextEpoch, settled, startPosition, stepsDone } from '../../../ml/training/position.ts';
import { accuracy, addBatch, EMPTY_TALLY, meanLoss } from '../../../ml/training/trainTally.ts';

const at = (epoch: number, step: number) => ({ epoch, step, stepsPerEpoch: 4 });

describe('Position', () => {
  test.each([
    { name: 'a fresh run starts at epoch 0, step 0', saved: undefined, start: at(0, 0) },
    { name: 'a resumed run starts where it was saved', saved: { epoch: 2, step: 3 }, start: at(2, 3) },
  ])('$name', ({ saved, start }) => {
    expect(startPosition(saved, 4)).toEqual(start);
  });

  test.each([
    { position: at(0, 0), advanced: at(0, 1), end: false, settledTo: at(0, 0), epochs: 0, steps: 0 },
    { position: at(1, 2), advanced: at(1, 3), end: false, settledTo: at(1, 2), epochs: 1.5, steps: 6 },
    { position: at(1, 4), advanced: at(1, 5), end: true, settledTo: at(2, 0), epochs: 2, steps: 8 },
  ])('epoch $position.epoch, step $position.step', ({ position, advanced, end, settledTo, epochs, steps }) => {
    expect(advance(position)).toEqual(advanced);
    expect(atEpochEnd(position)).toBe(end);
    expect(settled(position)).toEqual(settledTo);
    expect(epochsDone(position)).toBe(epochs);
    expect(stepsDone(position)).toBe(steps);
  });

  test('the next epoch starts at step 0, and the values passed in are not changed', () => {
    const position = at(1, 4);
    expect(nextEpoch(position)).toEqual(at(2, 0));
    expect(position).toEqual(at(1, 4));
  });

  test('an epoch end and the next epoch\'s start count the same fractional epochs and steps', () => {
    expect(epochsDone(at(1, 4))).toBe(epochsDone(nextEpoch(at(1, 4))));
    expect(stepsDone(at(1, 4))).toBe(stepsDone(nextEpoch(at(1, 4))));
  });
});

describe('TrainTally', () => {
  test('is NaN before any batch', () => {
    expect(meanLoss(EMPTY_TALLY)).toBeNaN();
    expect(accuracy(EMPTY_TALLY)).toBeNaN();
  });

  test('weighs each batch by its size: a short last batch counts less', () => {
    const tally = addBatch(addBatch(EMPTY_TALLY, 1, 3, 4), 4, 2, 2);
    expect(tally).toEqual({ lossSum: 12, correct: 5, seen: 6 });
    expect(meanLoss(tally)).toBe(2);
    expect(accuracy(tally)).toBe(5 / 6);
    expect(EMPTY_TALLY).toEqual({ lossSum: 0, correct: 0, seen: 0 });
  });
});
