import type * as tfjs from '@tensorflow/tfjs';

/**
 * H copies of a model's head (its Dense and Dropout layers) held as stacked tensors, kernel
 * [H, in, out] and bias [H, out], so that one training step trains all of them with one batched
 * matMul per layer: the fold models of the rotating hold-out and the model kept cost about one
 * model's steps, not folds + 1 times as many (a head step is a few small ops, so teaching's time
 * is the number of ops, not their size).
 */

export type StackedLayer =
  | { readonly kind: 'dense'; readonly kernel: tfjs.Variable; readonly bias: tfjs.Variable | null; readonly activation: 'linear' | 'relu' | 'softmax' }
  | { readonly kind: 'dropout'; readonly rate: number };

export interface StackedHead {
  readonly copies: number;
  readonly layers: readonly StackedLayer[];
  /** the trainable variables, in layer order */
  readonly variables: readonly tfjs.Variable[];
}

/** `copies` copies of `head`'s current weights, as new variables (the caller disposes them). */
export function stackHead(tf: typeof tfjs, head: readonly tfjs.layers.Layer[], copies: number): StackedHead {
  const layers = head.map((layer): StackedLayer => {
    const kind = layer.getClassName();
    const config = layer.getConfig() as { rate?: number; activation?: string; useBias?: boolean };
    if (kind === 'Dropout') return { kind: 'dropout', rate: config.rate ?? 0 };
    const activation = config.activation;
    if (kind !== 'Dense' || (activation !== 'linear' && activation !== 'relu' && activation !== 'softmax')) {
      throw new Error(`layer ${layer.name} (${kind}, ${String(activation)}) after the first Dense: teaching trains only Dense (linear, relu, softmax) and Dropout layers there`);
    }
    const [kernel, bias] = layer.getWeights();
    if (kernel === undefined) throw new Error(`Dense layer ${layer.name} holds no kernel`);
    const tile = (w: tfjs.Tensor) => {
      const tiled = tf.tidy(() => tf.tile(tf.expandDims(w, 0), [copies, ...w.shape.map(() => 1)]));
      // a variable holds its own reference to the data: the tensor it was made from is disposed apart
      const variable = tf.variable(tiled);
      tiled.dispose();
      return variable;
    };
    return { kind: 'dense', kernel: tile(kernel), bias: bias === undefined ? null : tile(bias), activation };
  });
  const variables = layers.flatMap((layer) => (layer.kind === 'dense' ? [layer.kernel, ...(layer.bias === null ? [] : [layer.bias])] : []));
  return { copies, layers, variables };
}

/** x [H, rows, in] through every copy: [H, rows, out]; `training` switches dropout on. */
export function runStacked(tf: typeof tfjs, stacked: StackedHead, x: tfjs.Tensor3D, training: boolean): tfjs.Tensor3D {
  let y = x;
  for (const layer of stacked.layers) {
    if (layer.kind === 'dropout') {
      if (training && layer.rate > 0) y = tf.dropout(y, layer.rate) as tfjs.Tensor3D;
      continue;
    }
    let z: tfjs.Tensor3D = tf.matMul(y, layer.kernel);
    if (layer.bias !== null) z = tf.add<tfjs.Tensor3D>(z, tf.expandDims(layer.bias, 1));
    y = layer.activation === 'relu' ? tf.relu(z) : layer.activation === 'softmax' ? tf.softmax(z) : z;
  }
  return y;
}

/**
 * Copy `h` alone on x [rows, in], dropout off: [rows, out]. `shift` [rows, out] is added to the last
 * Dense layer's output before its activation (the prototype term, ./prototypes.ts).
 */
export function runCopy(tf: typeof tfjs, stacked: StackedHead, h: number, x: tfjs.Tensor2D, shift?: tfjs.Tensor2D): tfjs.Tensor2D {
  return tf.tidy(() => {
    const last = stacked.layers.reduce((found, layer, i) => (layer.kind === 'dense' ? i : found), -1);
    let y = x;
    stacked.layers.forEach((layer, i) => {
      if (layer.kind === 'dropout') return;
      let z: tfjs.Tensor2D = tf.matMul(y, tf.gather(layer.kernel, h));
      if (layer.bias !== null) z = tf.add(z, tf.gather(layer.bias, h));
      if (i === last && shift !== undefined) z = tf.add(z, shift);
      y = layer.activation === 'relu' ? tf.relu(z) : layer.activation === 'softmax' ? tf.softmax(z) : z;
    });
    return y;
  });
}

/** Copy `h`'s weights into the model's `head` layers. */
export function writeCopy(tf: typeof tfjs, stacked: StackedHead, h: number, head: readonly tfjs.layers.Layer[]): void {
  head.forEach((layer, i) => {
    const stackedLayer = stacked.layers[i];
    if (stackedLayer?.kind !== 'dense') return;
    const weights = tf.tidy(() => [stackedLayer.kernel, ...(stackedLayer.bias === null ? [] : [stackedLayer.bias])].map((w) => tf.gather(w, h)));
    layer.setWeights(weights);
    tf.dispose(weights);
  });
}

export function disposeStacked(stacked: StackedHead): void {
  for (const variable of stacked.variables) variable.dispose();
}
