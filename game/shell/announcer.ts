import { announceModeChange, announcePrediction } from './state/announcement.ts';
import type { Mode } from './state/modes.ts';
import type { Prediction } from './state/prediction.ts';

/**
 * Says the guess when its words change (a live prediction many times a second must not repeat
 * "7, sure" to a listener) and the challenge's events when they happen.
 */
export class Announcer {
  private lastGuess = '';

  constructor(private readonly say: (text: string) => void) {}

  guess(prediction: Prediction): void {
    const text = announcePrediction(prediction);
    if (text === this.lastGuess) return;
    this.lastGuess = text;
    this.say(text);
  }

  modeChanged(before: Mode, after: Mode, clock: number): void {
    const text = announceModeChange(before, after, clock);
    if (text === null) return;
    // the next guess is said again even if its words are the same as before the event
    this.lastGuess = '';
    this.say(text);
  }
}
