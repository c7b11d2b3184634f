import * as tf from '@tensorflow/tfjs';

/**
 * Exponential moving average of every weight (BN statistics included). Evaluating with averaged
 * weights is smoother than the last step's and usually a little more accurate.
 */
export class WeightAverage {
  private shadow: tf.Tensor[];
  private updates = 0;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly decay: number,
    initial: tf.Tensor[] | undefined,
    /** updates already folded into `initial`, so a resumed run ramps the decay exactly as an uninterrupted one */
    updatesDone: number,
  ) {
    this.shadow = decay > 0 ? (initial?.length ? initial.map((t) => t.clone()) : model.getWeights().map((w) => w.clone())) : [];
    if (initial?.length) this.updates = updatesDone;
  }

  update(): void {
    if (this.decay <= 0) return;
    this.updates++;
    // Early on the average would be dominated by the random initial weights; ramp the decay up.
    const decay = Math.min(this.decay, (1 + this.updates) / (10 + this.updates));
    const current = this.model.getWeights();
    const next = tf.tidy(() => this.shadow.map((s, i) => tf.add(tf.mul(s, decay), tf.mul(current[i] ?? s, 1 - decay))));
    tf.dispose(this.shadow);
    this.shadow = next;
  }

  weights(): tf.Tensor[] {
    return this.shadow;
  }

  withAverage<T>(run: () => T): T {
    if (this.decay <= 0) return run();
    const current = this.model.getWeights().map((w) => w.clone());
    this.model.setWeights(this.shadow);
    try {
      return run();
    } finally {
      this.model.setWeights(current);
      tf.dispose(current);
    }
  }

  /** copies of the weights evaluation uses: the averaged ones, or the model's own without averaging */
  snapshot(): tf.Tensor[] {
    return (this.decay > 0 ? this.shadow : this.model.getWeights()).map((w) => w.clone());
  }

  applyToModel(): void {
    if (this.decay > 0) this.model.setWeights(this.shadow);
  }

  dispose(): void {
    tf.dispose(this.shadow);
    this.shadow = [];
  }
}
