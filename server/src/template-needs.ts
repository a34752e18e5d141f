/** A node of a stored template, as far as its needs go. */
export interface TemplateNode {
  type?: unknown;
  config?: unknown;
}

/** Something a template reads that must exist on the server first. */
export interface TemplateNeed {
  kind: 'model' | 'endpoint';
  name: string;
  stage: string | null;
  madeBy: { id: string; name: string } | null;
}

// The built-in node types that read the registry or an endpoint, and the config fields naming what they read.
const readers: Record<string, { kind: TemplateNeed['kind']; field: string; stageField?: string; defaultStage?: string }> = {
  'model.registered': { kind: 'model', field: 'model', stageField: 'version', defaultStage: 'production' },
  'deploy.batch-score': { kind: 'model', field: 'model', stageField: 'version', defaultStage: 'production' },
  'source.endpoint-requests': { kind: 'endpoint', field: 'endpoint' },
  'source.labelled-predictions': { kind: 'endpoint', field: 'endpoint' },
};
const registers = 'deploy.register-model';

const configOf = (node: TemplateNode): Record<string, unknown> =>
  typeof node.config === 'object' && node.config !== null ? (node.config as Record<string, unknown>) : {};

/** The model names a template registers. */
export function modelsRegisteredBy(nodes: TemplateNode[]): string[] {
  return nodes
    .filter((n) => n.type === registers)
    .map((n) => configOf(n).name)
    .filter((name): name is string => typeof name === 'string');
}

/** The models a template makes from scratch: those it registers without reading them from the registry (a retraining template reads its champion). */
export function modelsMadeBy(nodes: TemplateNode[]): string[] {
  const read = new Set(
    nodes
      .filter((n) => n.type === 'model.registered')
      .map((n) => configOf(n).model)
      .filter((name): name is string => typeof name === 'string'),
  );
  return modelsRegisteredBy(nodes).filter((name) => !read.has(name));
}

/**
 * What a template needs before it runs as shipped: each registered model (and stage) and endpoint it
 * reads (models first), with the template that makes that model. A model it registers itself is no
 * need, unless another template makes it (a retraining template needs the first version in production).
 */
export function templateNeeds(nodes: TemplateNode[], makers: Map<string, { id: string; name: string }>): TemplateNeed[] {
  const own = new Set(modelsRegisteredBy(nodes));
  const needs = new Map<string, TemplateNeed>();
  for (const node of nodes) {
    const reader = typeof node.type === 'string' ? readers[node.type] : undefined;
    if (reader === undefined) continue;
    const config = configOf(node);
    const name = config[reader.field];
    if (typeof name !== 'string' || name === '' || (reader.kind === 'model' && own.has(name) && !makers.has(name))) continue;
    const stageValue = reader.stageField === undefined ? undefined : (config[reader.stageField] ?? reader.defaultStage);
    const stage = reader.kind === 'model' ? String(stageValue) : null;
    const madeBy = reader.kind === 'model' ? (makers.get(name) ?? null) : null;
    needs.set(`${reader.kind}:${name}:${stage}`, { kind: reader.kind, name, stage, madeBy });
  }
  // Models first: an endpoint serves one, so it is made after.
  return [...needs.values()].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'model' ? -1 : 1));
}
