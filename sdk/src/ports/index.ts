export { columnTypeOf, tableSchemaOf } from './arrow-schema';
export { compareMetricNames, orderMetrics } from './order-metrics';
export {
  arePortsCompatible,
  isArrowTable,
  type OutputSummary,
  type PortDescriptor,
  type PortFactory,
  type PortKind,
  type PortOptions,
  type PortSpec,
  type PortValue,
  port,
  portKinds,
  type ValuePortFactory,
  valueDescriptor,
} from './port';
export { type ColumnSchema, type ColumnType, columnTypes, type TableSchema } from './table-schema';
export type {
  ChartValue,
  Curve,
  MetricsValue,
  ModelCard,
  ModelFeature,
  ModelValue,
  PortDescriptors,
  ReportCheck,
  ReportValue,
  ScoringPath,
  ScoringStep,
} from './values';
