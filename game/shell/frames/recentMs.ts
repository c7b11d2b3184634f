/** Durations kept for the benchmark: the most recent `capacity`, oldest first. */
export class RecentMs {
  private readonly values: number[] = [];

  constructor(private readonly capacity = 1000) {}

  add(ms: number): void {
    this.values.push(ms);
    if (this.values.length > this.capacity) this.values.shift();
  }

  list(): number[] {
    return [...this.values];
  }
}
