import type * as tfjs from '@tensorflow/tfjs';

/**
 * A digit model seen as a frozen feature extractor (every layer before the first Dense: the
 * convolutions with their batch norm statistics) followed by a trainable head (the first Dense and
 * everything after it). Any model whose layers form one chain splits this way: a Sequential, or a
 * functional model whose every layer takes the previous one's single output. The InputLayer
 * belongs to neither part: it only names the input, and tfjs refuses to apply() it to a tensor.
 */
export interface HeadSplit {
  readonly frozen: readonly tfjs.layers.Layer[];
  readonly head: readonly tfjs.layers.Layer[];
  /** the head's trainable variables, in layer order */
  readonly variables: readonly tfjs.Variable[];
}

export function splitAtHead(tf: typeof tfjs, model: tfjs.LayersModel): HeadSplit {
  const chain = layerChain(model);
  const first = chain.findIndex((layer) => layer.getClassName() === 'Dense');
  if (first < 0) throw new Error(`model ${model.name} has no Dense layer to fine-tune`);
  const head = chain.slice(first);
  const variables = head.flatMap((layer) =>
    layer.trainableWeights.map((weight) => {
      const value = weight.read();
      if (!(value instanceof tf.Variable)) throw new Error(`weight ${weight.name} of ${layer.name} holds no variable`);
      return value;
    }),
  );
  return { frozen: chain.slice(0, first), head, variables };
}

/** The model's layers after its InputLayer, in order; refused when they do not form a single chain. */
function layerChain(model: tfjs.LayersModel): tfjs.layers.Layer[] {
  const chain = model.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  const inputs = model.layers.length - chain.length;
  if (inputs > 1) throw new Error(`model ${model.name} has ${inputs} inputs: fine-tuning splits a single chain of layers at its first Dense`);
  chain.forEach((layer, i) => {
    const sources = layer.inboundNodes.flatMap((node) => node.inboundLayers);
    const previous = i === 0 ? sources.find((s) => s.getClassName() === 'InputLayer') : chain[i - 1];
    if (sources.length > 1 || (sources.length === 1 && sources[0] !== previous)) {
      throw new Error(`model ${model.name} is not a single chain (layer ${layer.name} takes ${sources.map((s) => s.name).join(', ')}): fine-tuning splits a chain of layers at its first Dense`);
    }
  });
  return chain;
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
