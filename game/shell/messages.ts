/**
 * The warning line: every problem met so far (bad query settings, a fallback renderer or backend,
 * a model that could not load), joined once here so window.handwrittenDigits.message() returns
 * exactly what the screens show.
 */
export class Messages {
  private readonly problems: string[];
  private readonly displays: ((text: string) => void)[] = [];

  constructor(problems: readonly string[] = []) {
    this.problems = [...problems];
  }

  /** Adds problems (nulls skipped) and shows the new line everywhere. */
  add(...problems: readonly (string | null)[]): void {
    const added = problems.filter((problem) => problem !== null);
    if (added.length === 0) return;
    this.problems.push(...added);
    for (const display of this.displays) display(this.text());
  }

  /** '' when there is no problem. */
  text(): string {
    return this.problems.join(' · ');
  }

  /** Shows the line with `display` now and after every change. */
  showOn(display: (text: string) => void): void {
    this.displays.push(display);
    display(this.text());
  }
}
