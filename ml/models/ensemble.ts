import * as tf from '@tensorflow/tfjs';
import { IMAGE_SIZE } from '../../common/digit.ts';

/**
 * Several independently trained models as one tfjs layers model, so the game, evaluate and every
 * other consumer load and run it like any single model. Independent seeds make different mistakes;
 * combining them is the most reliable way past what one small network reaches.
 *
 * Members are combined by averaging their logits, then one softmax: the normalised geometric mean of
 * their probabilities. Each member's layers are copied in under a prefixed name (a layers model needs
 * unique names) with its weights; a member's last layer loses its softmax and gains 1/T, the
 * ensemble's temperature, so the saved model is calibrated as a whole.
 */

type LayerClass = new (config: object) => tf.layers.Layer;

export function combineModels(members: readonly tf.LayersModel[], temperature = 1, name = 'ensemble'): tf.LayersModel {
  if (members.length < 2) throw new RangeError(`an ensemble needs at least two members, got ${members.length}`);
  const input = tf.input({ shape: [IMAGE_SIZE, IMAGE_SIZE, 1], name: 'image' });
  const logits = members.map((member, k) => copyAsLogits(member, input, `member${k + 1}`, temperature));
  const mean = tf.layers.average({ name: 'mean_logits' }).apply(logits) as tf.SymbolicTensor;
  const output = tf.layers.activation({ activation: 'softmax', name: 'probabilities' }).apply(mean) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output, name });
}

/** `member`'s layers applied to `input`, ending in its last Dense layer's logits divided by `temperature`. */
function copyAsLogits(member: tf.LayersModel, input: tf.SymbolicTensor, prefix: string, temperature: number): tf.SymbolicTensor {
  if (member.inputs.length !== 1 || member.outputs.length !== 1) throw new Error('ensemble members must have one input and one output');
  const layers = member.layers.filter((layer) => layer.getClassName() !== 'InputLayer');
  const last = layers.at(-1);
  const lastConfig = last?.getConfig() as { activation?: string } | undefined;
  if (last?.getClassName() !== 'Dense' || lastConfig?.activation !== 'softmax') {
    throw new Error('ensemble members must end in a Dense softmax layer');
  }
  let x = input;
  for (const layer of layers) {
    const config: Record<string, unknown> = { ...layer.getConfig(), name: `${prefix}_${layer.name}` };
    delete config.batchInputShape;
    delete config.inputShape;
    const isLast = layer === last;
    if (isLast) config.activation = 'linear';
    const copy = new (layerClass(layer.getClassName()))(config);
    x = copy.apply(x) as tf.SymbolicTensor;
    const weights = layer.getWeights();
    if (isLast) {
      const scaled = weights.map((w) => tf.div(w, temperature));
      copy.setWeights(scaled);
      tf.dispose(scaled);
    } else {
      copy.setWeights(weights);
    }
  }
  return x;
}

function layerClass(className: string): LayerClass {
  const entry = tf.serialization.SerializationMap.getMap().classNameMap[className];
  if (!entry) throw new Error(`unknown layer class ${className}`);
  return entry[0] as unknown as LayerClass;
}
