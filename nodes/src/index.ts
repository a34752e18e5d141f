/**
 * @causeway/nodes — the built-in node types, listed by hand (no directory scanning).
 */
import { type AnyNodeDefinition, NodeRegistry } from '@causeway/sdk';
import { batchScore } from './deploy/batch-score';
import { promoteModel } from './deploy/promote-model';
import { registerModel } from './deploy/register-model';
import { crossValidateNode } from './model/cross-validate';
import { decisionTreeNode } from './model/decision-tree';
import { evaluateModel } from './model/evaluate';
import { explainNode } from './model/explain';
import { gradientBoostingNode } from './model/gradient-boosting';
import { importModelNode } from './model/import';
import { kmeansNode } from './model/kmeans';
import { knnNode } from './model/knn';
import { linearRegressionNode } from './model/linear-regression';
import { linearSvmNode } from './model/linear-svm';
import { logisticRegressionNode } from './model/logistic-regression';
import { mlpNode } from './model/mlp';
import { naiveBayesNode } from './model/naive-bayes';
import { predictNode } from './model/predict';
import { randomForestNode } from './model/random-forest';
import { registeredModel } from './model/registered';
import { tuneNode } from './model/tune';
import { fileSink } from './sink/file';
import { postgresSink } from './sink/postgres';
import { arffSource } from './source/arff';
import { arrowSource } from './source/arrow';
import { csvSource } from './source/csv';
import { endpointRequestsSource } from './source/endpoint-requests';
import { excelSource } from './source/excel';
import { httpSource } from './source/http';
import { inlineSource } from './source/inline';
import { jsonSource } from './source/json';
import { labelledPredictionsSource } from './source/labelled-predictions';
import { parquetSource } from './source/parquet';
import { postgresSource } from './source/postgres';
import { sampleSource } from './source/sample';
import { aggregateRows } from './transform/aggregate';
import { binColumn } from './transform/bin';
import { castColumns } from './transform/cast';
import { dateParts } from './transform/date-parts';
import { dedupeRows } from './transform/dedupe';
import { deriveColumns } from './transform/derive';
import { encodeCategories } from './transform/encode';
import { filterRows } from './transform/filter';
import { imputeNulls } from './transform/impute';
import { joinRows } from './transform/join';
import { pivotRows } from './transform/pivot';
import { sampleRows } from './transform/sample';
import { scaleColumns } from './transform/scale';
import { selectColumns } from './transform/select';
import { sortRows } from './transform/sort';
import { splitRows } from './transform/split';
import { stringFunctions } from './transform/strings';
import { unionRows } from './transform/union';
import { unpivotColumns } from './transform/unpivot';
import { windowFunctions } from './transform/window';
import { drift } from './validate/drift';
import { expectations } from './validate/expectations';
import { modelGate } from './validate/model-gate';
import { chartNode } from './visualize/chart';

export { columnText, stringText } from './shared/expression-text';

export {
  aggregateRows,
  arffSource,
  binColumn,
  castColumns,
  csvSource,
  dateParts,
  dedupeRows,
  deriveColumns,
  encodeCategories,
  filterRows,
  imputeNulls,
  inlineSource,
  joinRows,
  pivotRows,
  sampleRows,
  scaleColumns,
  selectColumns,
  sortRows,
  splitRows,
  stringFunctions,
  unionRows,
  unpivotColumns,
  windowFunctions,
};

/** Every built-in node type. */
export const builtinNodes: readonly AnyNodeDefinition[] = [
  inlineSource,
  csvSource,
  jsonSource,
  excelSource,
  parquetSource,
  arrowSource,
  arffSource,
  sampleSource,
  httpSource,
  postgresSource,
  endpointRequestsSource,
  labelledPredictionsSource,
  selectColumns,
  aggregateRows,
  binColumn,
  castColumns,
  dateParts,
  dedupeRows,
  deriveColumns,
  encodeCategories,
  filterRows,
  imputeNulls,
  joinRows,
  pivotRows,
  sampleRows,
  scaleColumns,
  sortRows,
  splitRows,
  stringFunctions,
  unionRows,
  unpivotColumns,
  windowFunctions,
  modelGate,
  expectations,
  drift,
  chartNode,
  evaluateModel,
  linearRegressionNode,
  logisticRegressionNode,
  decisionTreeNode,
  randomForestNode,
  gradientBoostingNode,
  kmeansNode,
  crossValidateNode,
  tuneNode,
  explainNode,
  naiveBayesNode,
  knnNode,
  linearSvmNode,
  mlpNode,
  predictNode,
  importModelNode,
  registeredModel,
  registerModel,
  promoteModel,
  batchScore,
  fileSink,
  postgresSink,
];

/**
 * A registry holding every built-in node type.
 *
 * @example
 * const registry = createBuiltinRegistry();
 * registry.resolve('transform.select', 1).status; // 'exact'
 */
export function createBuiltinRegistry(): NodeRegistry {
  return new NodeRegistry().add(...builtinNodes);
}

export { compileScoringPath, type ScoringPipeline } from './deploy/scoring-path/apply-scoring-path';
export { nullColumn, withRawColumns } from './deploy/scoring-path/raw-columns';
export type { ScoringPathCard } from './deploy/scoring-path/scoring-path-card';
export { logLoss, regressionMetrics, rocAuc, trapezoid } from './ml/metrics';
export type { CategoricalStats, FeatureStats, NumericStats } from './ml/onnx/feature-stats';
export { cardKey } from './ml/onnx/model-card';
export { type ModelInfo, maxModelBytes, readModel } from './ml/onnx/read-model';
export { type ScoreOptions, scoreTable } from './ml/onnx/score-table';
export { tableFeeds } from './ml/onnx/table-feeds';
export { binStateSchema } from './shared/bin-state';
export { encodeStateSchema } from './shared/encode-state';
export { imputeStateSchema } from './shared/impute-state';
export { scaleStateSchema } from './shared/scale-state';
export {
  arrowSource,
  chartNode,
  decisionTreeNode,
  drift,
  evaluateModel,
  excelSource,
  expectations,
  fileSink,
  gradientBoostingNode,
  httpSource,
  importModelNode,
  jsonSource,
  kmeansNode,
  knnNode,
  linearRegressionNode,
  linearSvmNode,
  logisticRegressionNode,
  mlpNode,
  modelGate,
  naiveBayesNode,
  parquetSource,
  postgresSink,
  postgresSource,
  predictNode,
  randomForestNode,
  sampleSource,
};
