export type { FileStore, LogLevel, NodeContext, SecretStore } from './context';
export {
  type AnyNodeDefinition,
  type DesignFiles,
  defineNode,
  type FingerprintArgs,
  type InferArgs,
  type InputDescriptors,
  type InputValues,
  type NodeCategory,
  type NodeDefinition,
  type OutputDescriptors,
  type OutputValues,
  type PortMap,
  type RunArgs,
} from './define-node';
export { apiVersion, definePlugin, type PluginDefinition } from './define-plugin';
export { type ExportStore, exportPathProblem, memoryExports, noExports } from './export-store';
export {
  cappedBody,
  type HttpClient,
  type HttpGetOptions,
  type HttpResponse,
  type HttpStream,
  noHttpClient,
  readableChunks,
  readHttpStream,
} from './http-client';
export { defaultInputLimits, type InputLimits } from './input-limits';
export type { Lineage, LineageNode } from './lineage';
export {
  type LoadedModel,
  type ModelGateVerdict,
  type ModelRegistered,
  type ModelRegisterRequest,
  type ModelRegistryClient,
  type ModelSelector,
  noModelRegistry,
  type PromotionMode,
  type PromotionRequest,
  type PromotionResult,
} from './model-registry-client';
export { type EndpointSampleOptions, type MonitoringClient, noMonitoring } from './monitoring-client';
export {
  noOnnxRuntime,
  type OnnxRuntime,
  type OnnxSession,
  type OnnxTensor,
  type OnnxTensorData,
  type OnnxTensorType,
  type OnnxValueInfo,
} from './onnx-runtime';
export { onnxTensorFrom, onnxValueInfo, type RuntimeValueMetadata } from './onnx-values';
export type { PluginFetch, PluginFetchInit, PluginFetchReply, SecretHeader } from './plugin-fetch';
export { NodeRegistry, type Resolution } from './registry';
export {
  noSqlClient,
  type SqlClient,
  type SqlParameter,
  type SqlQueryOptions,
  type SqlWriteOptions,
  type SqlWriteResult,
} from './sql-client';
export { yieldIfDue } from './yield-if-due';
