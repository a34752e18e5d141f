import type { FeaturePlan } from './feature-plan';
import type { GraphBuilder } from './graph-builder';
import { dataType } from './onnx-proto';

/**
 * Adds the fitted preprocessing to a graph: one input per raw column ([N,1] double for numbers, [N,1]
 * string for categories), Cast to float → Concat → Imputer → Scaler over the numeric block,
 * OneHotEncoder → Reshape per category column, and a Concat in the plan's order. Returns the name of
 * the [N, F] float tensor. Numbers come in as double because table columns are float64: a runtime
 * feeds a column as it is, and the cast runs inside onnxruntime, faster than a copy outside it.
 */
export function writePreprocess(builder: GraphBuilder, plan: FeaturePlan): string {
  const blocks: string[] = [];
  if (plan.numeric.length > 0) {
    const inputs = plan.numeric.map(
      (f) => builder.node('Cast', [builder.input(f.name, 'double', [null, 1])], 1, { to: { int: dataType.float } })[0] as string,
    );
    let numeric = inputs.length === 1 ? (inputs[0] as string) : (builder.node('Concat', inputs, 1, { axis: { int: 1 } })[0] as string);
    numeric = builder.ml('Imputer', [numeric], 1, {
      imputed_value_floats: { floats: plan.numeric.map((f) => f.fill) },
      replaced_value_float: { float: Number.NaN },
    })[0] as string;
    if (plan.numeric.some((f) => f.offset !== 0 || f.scale !== 1)) {
      numeric = builder.ml('Scaler', [numeric], 1, {
        offset: { floats: plan.numeric.map((f) => f.offset) },
        scale: { floats: plan.numeric.map((f) => f.scale) },
      })[0] as string;
    }
    blocks.push(numeric);
  }
  for (const feature of plan.categorical) {
    const input = builder.input(feature.name, 'string', [null, 1]);
    const k = feature.categories.length;
    if (k === 0) continue;
    const hot = builder.ml('OneHotEncoder', [input], 1, { cats_strings: { strings: feature.categories }, zeros: { int: 1 } })[0] as string;
    const shape = builder.constant('shape', 'int64', [2], [-1, k]);
    blocks.push(builder.node('Reshape', [hot, shape], 1)[0] as string);
  }
  return blocks.length === 1 ? (blocks[0] as string) : (builder.node('Concat', blocks, 1, { axis: { int: 1 } })[0] as string);
}
