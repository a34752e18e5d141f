/**
 * Learners over typed arrays. Every fit takes a column-major {@link FeatureMatrix} (see matrix.ts),
 * targets (Float64Array for regression, {@link ClassTargets} for classes), options and an optional
 * {@link TrainControl} ({ signal, progress }), and returns a plain-JSON model; each model has
 * `predict…` (and for classifiers `predictProba…`, row-major n × K) over a matrix of the same
 * features. Deterministic for a seed; cancellation throws UserError('RUN_CANCELLED').
 *
 * @example
 * const x = matrixFromColumns(['age', 'income'], [ages, incomes]);
 * const { matrix, standardization } = standardize(x);
 * const model = fitLogisticRegression(matrix, { y: labels, classes: ['no', 'yes'] }, { C: 1 }, { signal, progress });
 * const proba = predictProbaLogisticRegression(model, applyStandardization(testX, standardization));
 */
export * from './argmax-rows';
export type { BoostingLossKind } from './boosting-loss';
export type { SplitCriterion } from './cart-split';
export * from './control';
export * from './decision-tree';
export * from './gradient-boosting';
export * from './kmeans';
export * from './knn';
export * from './linear-regression';
export * from './linear-svm';
export * from './logistic-regression';
export * from './matrix';
export * from './mlp';
export * from './naive-bayes';
export * from './random';
export * from './random-forest';
export * from './standardize';
export * from './tree-arrays';
