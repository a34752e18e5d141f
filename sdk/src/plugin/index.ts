export { checkPluginManifest } from './check-plugin-manifest';
export { describeNode, type JsonSchema, type NodeDescriptor, type NodePortDescriptor } from './describe-node';
export { describePlugin, type PluginBundleInfo } from './describe-plugin';
export {
  nodeDescriptorSchema,
  npmNamePattern,
  type PluginCapabilities,
  type PluginManifest,
  pluginCapabilitiesSchema,
  pluginManifestSchema,
  semverPattern,
} from './manifest-schema';
export { type DescriptorRun, nodeFromDescriptor } from './node-from-descriptor';
