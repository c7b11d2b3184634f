import { CUE_NOTES, type Cue } from '../state/soundCues.ts';

/** What the page reports about its sound, for tests: whether an AudioContext exists yet, and how many cues played. */
export interface SoundReport {
  readonly muted: boolean;
  /** 'none' until the player's first gesture (autoplay rules); then the context's state */
  readonly context: 'none' | AudioContextState;
  /** cues sent to the speakers since the page loaded */
  readonly played: number;
}

/**
 * The game's cues synthesised with the Web Audio API: a few oscillator notes each, no audio files.
 * Browsers refuse sound before the page's first user gesture, so no AudioContext is made until one
 * (a key or a pointer press on the page) while sound is on; cues before that are simply not heard.
 */
export class WebAudioCues {
  private context: AudioContext | null = null;
  private gestured = false;
  private played = 0;

  constructor(target: Window, private muted: boolean) {
    const onGesture = (): void => {
      this.gestured = true;
      this.wake();
    };
    // capture: the first gesture counts even when the game handles it and stops it there
    target.addEventListener('pointerdown', onGesture, { capture: true });
    target.addEventListener('keydown', onGesture, { capture: true });
  }

  isMuted(): boolean {
    return this.muted;
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    if (muted) void this.context?.suspend();
    else this.wake();
  }

  play(cue: Cue): void {
    const context = this.context;
    if (this.muted || context === null) return;
    const start = context.currentTime + 0.01;
    for (const note of CUE_NOTES[cue]) {
      const oscillator = context.createOscillator();
      const gain = context.createGain();
      oscillator.type = note.wave;
      oscillator.frequency.value = note.frequency;
      // a quick attack and an exponential release: no clicks at either end
      const at = start + note.at;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(note.gain, at + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + note.duration);
      oscillator.connect(gain).connect(context.destination);
      oscillator.start(at);
      oscillator.stop(at + note.duration + 0.02);
    }
    this.played++;
  }

  report(): SoundReport {
    return { muted: this.muted, context: this.context?.state ?? 'none', played: this.played };
  }

  private wake(): void {
    if (!this.gestured || this.muted) return;
    if (this.context === null) {
      try {
        this.context = new AudioContext();
      } catch {
        return; // no Web Audio here: the game plays silently
      }
    }
    if (this.context.state === 'suspended') void this.context.resume();
  }
}
