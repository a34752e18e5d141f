import { compileScoringPath, type ScoringPipeline } from '@causeway/nodes';
import { type ColumnSchema, type ModelCard, type OnnxValueInfo, onnxValueInfo, type ScoringPath, UserError } from '@causeway/sdk';
import type * as ort from 'onnxruntime-node';
import { loadOnnxRuntime } from '../onnx/onnxruntime';

/** How a request value reaches the model: as a number (NaN for null) or as text. */
export type FeatureKind = 'number' | 'integer' | 'boolean' | 'date' | 'text';

/** A feature the endpoint accepts, in card order. */
export interface ServedFeature {
  name: string;
  kind: FeatureKind;
}

/** Where each feature goes: one input per feature (trained models), or one [N, F] input fed in card order. */
export type InputPlan =
  | { layout: 'per-feature'; inputs: { name: string; type: 'float32' | 'float64' | 'int64' | 'string' | 'bool' }[] }
  | { layout: 'wide'; input: string; type: 'float32' | 'float64' };

/** A version registered with a scoring path: requests carry raw rows, which its steps turn into features. */
export interface ServedPipeline {
  path: ScoringPath;
  apply: ScoringPipeline;
  /** The raw columns a request must send, with their types. */
  columns: ColumnSchema[];
  /** The session's inputs, as the graph runtime describes them (for the same table feeds as batch scoring). */
  inputs: OnnxValueInfo[];
}

/** One loaded model version: its session, card and the plan that turns rows into feeds. */
export interface ServedModel {
  modelName: string;
  version: number;
  card: ModelCard;
  features: ServedFeature[];
  plan: InputPlan;
  /** Classes, when the model is a classifier whose probabilities are read. */
  classes: string[] | undefined;
  /** The outputs fetched from each run. */
  fetch: string[];
  session: ort.InferenceSession;
  /** Set when requests carry raw rows (`features` then lists the raw columns). */
  pipeline: ServedPipeline | undefined;
}

/** One thread per session: requests already run side by side. The benchmark's bare server uses the same. */
export const servingSessionOptions: ort.InferenceSession.SessionOptions = {
  intraOpNumThreads: 1,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
};

function kindOf(type: string): FeatureKind {
  if (type === 'number' || type === 'integer' || type === 'boolean' || type === 'date') return type;
  return 'text';
}

function planOf(session: ort.InferenceSession, features: ServedFeature[], label: string): InputPlan {
  const inputs = session.inputMetadata.map((m) => ({
    name: m.name,
    type: m.isTensor ? m.type : 'non-tensor',
    shape: m.isTensor ? m.shape : [],
  }));
  const names = new Set(features.map((f) => f.name));
  if (inputs.every((i) => names.has(i.name))) {
    return {
      layout: 'per-feature',
      inputs: inputs.map((i) => {
        if (i.type === 'float32' || i.type === 'float64' || i.type === 'int64' || i.type === 'string' || i.type === 'bool')
          return { name: i.name, type: i.type };
        throw new UserError('MODEL_INVALID', `${label}: input "${i.name}" has element type ${i.type}, which an endpoint cannot feed.`);
      }),
    };
  }
  const only = inputs.length === 1 ? inputs[0] : undefined;
  if (
    only &&
    (only.type === 'float32' || only.type === 'float64') &&
    only.shape[1] === features.length &&
    features.every((f) => f.kind !== 'text')
  ) {
    return { layout: 'wide', input: only.name, type: only.type };
  }
  throw new UserError(
    'MODEL_INVALID',
    `${label}: the model's inputs (${inputs.map((i) => i.name).join(', ')}) do not match the features in its card (${[...names].join(', ')}).`,
  );
}

/**
 * Opens one registered version for serving: an onnxruntime-node session (one thread: requests already
 * run side by side), the card's features and the outputs to read.
 */
export async function openServedModel(
  modelName: string,
  version: number,
  onnx: Uint8Array,
  card: ModelCard,
  scoringPath?: ScoringPath | null,
): Promise<ServedModel> {
  const label = `Model "${modelName}" version ${version}`;
  let session: ort.InferenceSession;
  try {
    session = await (await loadOnnxRuntime()).InferenceSession.create(onnx, servingSessionOptions);
  } catch (cause) {
    throw new UserError('MODEL_INVALID', `${label} cannot be loaded: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  const modelFeatures = (card.features ?? []).map((f) => ({ name: f.name, kind: kindOf(f.type) }));
  const plan = planOf(session, modelFeatures, label);
  const pipeline: ServedPipeline | undefined = scoringPath
    ? {
        path: scoringPath,
        apply: compileScoringPath(scoringPath),
        columns: scoringPath.inputs,
        inputs: session.inputMetadata.map(onnxValueInfo),
      }
    : undefined;
  const features = pipeline ? pipeline.columns.map((c) => ({ name: c.name, kind: kindOf(c.type) })) : modelFeatures;
  const tensors = session.outputMetadata.filter((m) => m.isTensor);
  const probabilities = tensors.find((m) => m.name === 'probabilities' && m.isTensor && m.type === 'float32');
  const classes = card.task === 'classification' && probabilities && (card.classes?.length ?? 0) > 0 ? card.classes : undefined;
  // A classifier's label is the ArgMax of its probabilities: reading the string tensor too only costs time.
  const fetch = classes ? ['probabilities'] : tensors.map((m) => m.name);
  if (fetch.length === 0) throw new UserError('MODEL_INVALID', `${label} has no tensor outputs to answer with.`);
  return { modelName, version, card, features, plan, classes, fetch, session, pipeline };
}
