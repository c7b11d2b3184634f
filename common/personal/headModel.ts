import type * as tfjs from '@tensorflow/tfjs';

/**
 * A digit model seen as a frozen feature extractor (every layer before the first Dense: the
 * convolutions with their batch norm statistics) followed by a trainable head (the first Dense and
 * everything after it). Only sequential models split this way; every shipped digit model is one.
 */
export interface HeadSplit {
  readonly frozen: readonly tfjs.layers.Layer[];
  readonly head: readonly tfjs.layers.Layer[];
  /** the head's trainable variables, in layer order */
  readonly variables: readonly tfjs.Variable[];
}

export function splitAtHead(tf: typeof tfjs, model: tfjs.LayersModel): HeadSplit {
  if (!(model instanceof tf.Sequential)) throw new Error(`model ${model.name} is not sequential: fine-tuning splits a chain of layers at its first Dense`);
  const first = model.layers.findIndex((layer) => layer.getClassName() === 'Dense');
  if (first < 0) throw new Error(`model ${model.name} has no Dense layer to fine-tune`);
  const head = model.layers.slice(first);
  const variables = head.flatMap((layer) =>
    layer.trainableWeights.map((weight) => {
      const value = weight.read();
      if (!(value instanceof tf.Variable)) throw new Error(`weight ${weight.name} of ${layer.name} holds no variable`);
      return value;
    }),
  );
  return { frozen: model.layers.slice(0, first), head, variables };
}

/** Runs `layers` in order; `training` switches dropout on (batch norm sits only in the frozen part). */
export function runLayers(layers: readonly tfjs.layers.Layer[], input: tfjs.Tensor, training: boolean): tfjs.Tensor {
  let x = input;
  for (const layer of layers) x = layer.apply(x, { training }) as tfjs.Tensor;
  return x;
}

/** A new model with the same topology and copies of the weights: training it leaves `model` untouched. */
export async function copyModel(tf: typeof tfjs, model: tfjs.LayersModel): Promise<tfjs.LayersModel> {
  let artifacts: tfjs.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler((saved) => {
      artifacts = saved;
      return Promise.resolve({ modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } });
    }),
  );
  if (!artifacts) throw new Error(`model ${model.name} could not be copied`);
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}
