import { Container, Graphics } from 'pixi.js';
import type { FreeLayout } from '../../../shell/layout/rect.ts';
import { msLeft, type ChallengeMode } from '../../../shell/state/modes.ts';
import { label } from '../../../shell/view/text.ts';
import { COLORS } from '../../../shell/view/theme.ts';

/** Below these many seconds the countdown bar turns amber, then red: the player should feel it. */
const HURRY_SECONDS = 5;
const PANIC_SECONDS = 3;

/**
 * A challenge round on top of the free-draw layout: round, score and streak across the top, and in
 * the side card the digit asked for, the countdown, the live guess and the win/lose moment (a flash
 * around the grid and a banner). Reads a ChallengeMode every frame; owns nothing.
 */
export class ChallengeHudView extends Container {
  private readonly card = new Graphics();
  private readonly flash = new Graphics();
  private readonly timerBar = new Graphics();
  private readonly round = label('strong', 18, COLORS.text);
  private readonly score = label('strong', 18, COLORS.text);
  private readonly streak = label('body', 16, COLORS.sure);
  private readonly ask = label('body', 18, COLORS.muted, 'Draw a');
  private readonly target = label('display', 120, COLORS.accent);
  private readonly seconds = label('strong', 16, COLORS.muted);
  private readonly guess = label('body', 18, COLORS.muted);
  private readonly banner = label('strong', 28, COLORS.sure);
  private readonly bannerDetail = label('body', 16, COLORS.text);
  private layout: FreeLayout | null = null;

  constructor() {
    super();
    for (const text of [this.target, this.ask, this.banner, this.bannerDetail, this.guess]) text.anchor.set(0.5, 0);
    this.score.anchor.set(1, 0);
    this.streak.anchor.set(0.5, 0);
    this.addChild(this.flash, this.card, this.timerBar, this.round, this.score, this.streak);
    this.addChild(this.ask, this.target, this.seconds, this.guess, this.banner, this.bannerDetail);
  }

  setLayout(layout: FreeLayout): void {
    this.layout = layout;
    const { unit, title, panel } = layout;
    this.card.clear()
      .roundRect(panel.x, panel.y, panel.width, panel.height, unit)
      .fill({ color: COLORS.card })
      .stroke({ color: COLORS.cardEdge, width: 1.5, alignment: 1 });
    const top = title.y + title.height / 2 - unit;
    this.round.position.set(title.x, top);
    this.streak.position.set(title.x + title.width / 2, top + unit * 0.15);
    this.score.position.set(title.x + title.width, top);
    for (const text of [this.round, this.score]) text.style.fontSize = unit * 1.8;
    this.streak.style.fontSize = unit * 1.5;

    const cx = panel.x + panel.width / 2;
    this.ask.style.fontSize = unit * 1.8;
    this.ask.position.set(cx, panel.y + unit * 1.5);
    this.target.style.fontSize = Math.min(panel.height * 0.4, panel.width * 0.6);
    this.target.position.set(cx, this.ask.y + unit * 2.2);
    this.seconds.style.fontSize = unit * 1.4;
    this.guess.style.fontSize = unit * 1.7;
    this.banner.style.fontSize = unit * 2.6;
    this.bannerDetail.style.fontSize = unit * 1.5;
  }

  /** `clock` in the same ms as the mode's; call every frame. `still`: the player asked for reduced
   * motion, so the bar moves in whole seconds and the result's ring does not fade. */
  update(mode: ChallengeMode, clock: number, still = false): void {
    const layout = this.layout;
    if (layout === null) return;
    const { unit, panel, grid } = layout;
    const cx = panel.x + panel.width / 2;

    this.round.text = `Round ${mode.round + 1} / ${mode.settings.rounds}`;
    this.score.text = `Score ${mode.score}`;
    this.streak.text = mode.streak >= 2 ? `Streak ${mode.streak}` : '';
    this.target.text = String(mode.target);
    this.ask.text = `Draw ${article(mode.target)}`;

    // no limit: a full, calm bar that never moves
    const roundMs = mode.settings.roundMs;
    const left = msLeft(mode, clock);
    const secondsLeft = left === null ? Number.POSITIVE_INFINITY : left / 1000;
    const barLeft = left === null || roundMs === null ? null : still ? Math.min(roundMs, Math.ceil(secondsLeft) * 1000) : left;
    const barY = this.target.y + this.target.height + unit * 1.2;
    const barX = panel.x + unit * 1.5;
    const barWidth = panel.width - unit * 3;
    const colour =
      secondsLeft <= PANIC_SECONDS ? COLORS.warning : secondsLeft <= HURRY_SECONDS ? COLORS.unsure : COLORS.accent;
    this.timerBar.clear()
      .roundRect(barX, barY, barWidth, unit * 0.9, unit * 0.45).fill({ color: COLORS.barTrack })
      .roundRect(barX, barY, Math.max(unit * 0.9, barWidth * (barLeft === null || roundMs === null ? 1 : barLeft / roundMs)), unit * 0.9, unit * 0.45)
      .fill({ color: colour });
    this.seconds.text = left === null ? 'no time limit' : `${Math.ceil(secondsLeft)} s`;
    this.seconds.tint = colour;
    this.seconds.position.set(barX, barY + unit * 1.3);

    const guessY = barY + unit * 4;
    this.guess.position.set(cx, guessY);
    const flash = this.flash.clear();
    const ended = mode.phase.kind === 'result' ? mode.results[mode.results.length - 1] : undefined;
    if (mode.phase.kind === 'result' && ended !== undefined) {
      this.guess.visible = false;
      this.banner.visible = this.bannerDetail.visible = true;
      this.banner.text = ended.won ? 'Got it!' : "Time's up";
      this.banner.tint = ended.won ? COLORS.sure : COLORS.warning;
      this.bannerDetail.text = ended.won
        ? `+${ended.points} in ${(ended.ms / 1000).toFixed(1)} s`
        : ended.seen === null ? 'Nothing drawn' : `It saw ${withArticle(ended.seen.guess.digit)}`;
      this.banner.position.set(cx, guessY - unit * 0.8);
      this.bannerDetail.position.set(cx, guessY + unit * 2.4);
      // a ring around the grid that fades over the pause: the moment is felt, then gets out of the way
      const fade = still ? 1 : Math.max(0, Math.min(1, (mode.phase.until - clock) / mode.settings.resultMs));
      const pad = unit * 0.9;
      flash.roundRect(grid.x - pad, grid.y - pad, grid.width + 2 * pad, grid.height + 2 * pad, pad * 1.6)
        .stroke({ color: ended.won ? COLORS.sure : COLORS.warning, width: unit * 0.7, alpha: 0.3 + 0.7 * fade });
      this.target.tint = ended.won ? COLORS.sure : COLORS.warning;
    } else {
      this.guess.visible = true;
      this.banner.visible = this.bannerDetail.visible = false;
      this.target.tint = COLORS.accent;
      const live = mode.live;
      this.guess.text = live === null
        ? 'Start drawing…'
        : `I see ${withArticle(live.digit)} · ${Math.round(live.confidence * 100)}%`;
      this.guess.tint = live === null ? COLORS.faint : live.digit === mode.target ? COLORS.sure : COLORS.muted;
    }
  }
}

/** "an 8", "a 7": the prompt reads as a sentence. */
function article(digit: number): string {
  return digit === 8 ? 'an' : 'a';
}

function withArticle(digit: number): string {
  return `${article(digit)} ${digit}`;
}
