import { loadScores, recordGame, type GameRecord, type KeyValueStore, type Scores } from './state/scores.ts';

/**
 * The challenge's saved scores as the menu and a summary show them. Where storage is unavailable
 * (private mode, a sandboxed frame) this visit's best still shows.
 */
export class BestScores {
  private scores: Scores;

  constructor(private readonly store: KeyValueStore | null) {
    this.scores = loadScores(store);
  }

  best(): number {
    return this.scores.best;
  }

  /** Read again (another tab may have played), keeping this visit's best. */
  reload(): Scores {
    this.scores = this.withSessionBest(loadScores(this.store));
    return this.scores;
  }

  /** Saves a finished game; `newBest` when it beat every game before it. */
  record(game: GameRecord): { readonly scores: Scores; readonly newBest: boolean } {
    const previousBest = this.withSessionBest(loadScores(this.store)).best;
    this.scores = this.withSessionBest(recordGame(this.store, game));
    return { scores: this.scores, newBest: game.score > previousBest };
  }

  private withSessionBest(saved: Scores): Scores {
    return saved.best >= this.scores.best ? saved : { ...saved, best: this.scores.best };
  }
}
