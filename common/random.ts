/**
 * Seeded pseudo-random numbers (mulberry32): small, fast and good enough for shuffling, augmentation
 * and game prompts. Its whole state is one uint32, so a checkpoint or a test can save and restore it.
 */
export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  /** the state to pass to `createRandom` to continue the same sequence */
  state(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    state: () => state,
  };
}

/** uniform in [low, high) */
export function uniform(random: Random, low: number, high: number): number {
  return low + (high - low) * random.next();
}

/** integer in [0, count) */
export function randomIndex(random: Random, count: number): number {
  return Math.floor(random.next() * count);
}

/** Fisher–Yates, in place */
export function shuffle(random: Random, items: { [index: number]: unknown; readonly length: number }): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomIndex(random, i + 1);
    const a = items[i];
    items[i] = items[j];
    items[j] = a;
  }
}
