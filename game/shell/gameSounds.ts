import type { Mode } from './state/modes.ts';
import { cuesFor, type Cue } from './state/soundCues.ts';

/** Per frame: turns the mode's changes into cues (soundCues.ts decides, `play` makes the sound). */
export class GameSounds {
  private last: { readonly mode: Mode; readonly clock: number } | null = null;

  constructor(private readonly play: (cue: Cue) => void) {}

  frame(mode: Mode, clock: number): void {
    const last = this.last;
    this.last = { mode, clock };
    if (last === null) return;
    for (const cue of cuesFor(last.mode, mode, last.clock, clock)) this.play(cue);
  }
}
