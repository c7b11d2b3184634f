import { describe, expect, test } from 'vitest';
import {
  NO_SCORES,
  RECENT_LIMIT,
  SCORES_KEY,
  loadScores,
  recordGame,
  type GameRecord,
  type KeyValueStore,
} from '../../../../game/shell/state/scores.ts';

class MemoryStore implements KeyValueStore {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

const throwing: KeyValueStore = {
  getItem: () => {
    throw new DOMException('denied', 'SecurityError');
  },
  setItem: () => {
    throw new DOMException('full', 'QuotaExceededError');
  },
};

const GAME: GameRecord = { score: 600, rounds: 3, won: 3, at: 1_700_000_000_000 };

function storeWith(raw: string): MemoryStore {
  const store = new MemoryStore();
  store.setItem(SCORES_KEY, raw);
  return store;
}

describe('loadScores', () => {
  test.each<[string, string]>([
    ['corrupt JSON', '{"version":1,"best":'],
    ['a string', '"hello"'],
    ['null', 'null'],
    ['an array', '[1,2,3]'],
    ['no version', '{"best":100,"recent":[]}'],
    ['a future version', '{"version":2,"best":100,"recent":[]}'],
    ['a negative best', '{"version":1,"best":-5,"recent":[]}'],
    ['a fractional best', '{"version":1,"best":12.5,"recent":[]}'],
    ['an absurd best', '{"version":1,"best":1e12,"recent":[]}'],
    ['a string best', '{"version":1,"best":"900","recent":[]}'],
  ])('ignores %s', (_, raw) => {
    expect(loadScores(storeWith(raw))).toEqual(NO_SCORES);
  });

  test('gives defaults for a missing key, no store, or a store that throws', () => {
    expect(loadScores(new MemoryStore())).toEqual(NO_SCORES);
    expect(loadScores(null)).toEqual(NO_SCORES);
    expect(loadScores(throwing)).toEqual(NO_SCORES);
  });

  test('keeps valid history entries and drops foreign ones', () => {
    const recent = [
      GAME,
      { score: 99999, rounds: 3, won: 3, at: 1 },
      { score: 100, rounds: 3, won: 4, at: 1 },
      { score: 100, rounds: 0, won: 0, at: 1 },
      { score: 100, rounds: 3, won: 1 },
      'junk',
      null,
      { ...GAME, score: 200 },
    ];
    const scores = loadScores(storeWith(JSON.stringify({ version: 1, best: 600, recent })));
    expect(scores).toEqual({ best: 600, recent: [GAME, { ...GAME, score: 200 }] });
  });

  test('a 50-round game from when links allowed 50 rounds stays in the history, its best score too', () => {
    const long: GameRecord = { score: 9_000, rounds: 50, won: 40, at: 1_700_000_000_000 };
    expect(loadScores(storeWith(JSON.stringify({ version: 1, best: 9_000, recent: [long] })))).toEqual({ best: 9_000, recent: [long] });
    expect(loadScores(storeWith(JSON.stringify({ version: 1, best: 0, recent: [{ ...long, rounds: 51 }] }))).recent).toEqual([]);
  });

  test('treats a non-array history as empty', () => {
    expect(loadScores(storeWith('{"version":1,"best":300,"recent":{}}'))).toEqual({ best: 300, recent: [] });
  });
});

describe('recordGame', () => {
  test('saves a best score that survives a reload, newest game first', () => {
    const store = new MemoryStore();
    recordGame(store, GAME);
    const after = recordGame(store, { ...GAME, score: 250, at: GAME.at + 1 });
    expect(after.best).toBe(600);
    expect(after.recent.map((g) => g.score)).toEqual([250, 600]);
    expect(loadScores(store)).toEqual(after);
  });

  test('keeps only the most recent games', () => {
    const store = new MemoryStore();
    for (let i = 0; i < RECENT_LIMIT + 5; i++) recordGame(store, { ...GAME, score: i, at: i });
    const scores = loadScores(store);
    expect(scores.recent).toHaveLength(RECENT_LIMIT);
    expect(scores.recent[0]?.score).toBe(RECENT_LIMIT + 4);
    expect(scores.best).toBe(RECENT_LIMIT + 4);
  });

  test('replaces a corrupt value instead of failing', () => {
    const store = storeWith('not json at all');
    expect(recordGame(store, GAME)).toEqual({ best: 600, recent: [GAME] });
    expect(loadScores(store).best).toBe(600);
  });

  test('never throws when storage refuses, and still returns the scores', () => {
    expect(recordGame(throwing, GAME)).toEqual({ best: 600, recent: [GAME] });
    expect(recordGame(null, GAME)).toEqual({ best: 600, recent: [GAME] });
  });
});
