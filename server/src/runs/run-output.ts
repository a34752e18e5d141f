import { UserError } from '@causeway/sdk';
import type { RunsHub } from './runs-hub';

/** A node run's record of one output port, as {@link storeRunOutputs} wrote it. */
export interface StoredOutput {
  kind: string;
  /** Absent on records written before non-table outputs were kept: those are tables. */
  format: 'arrow' | 'onnx' | 'json';
  artifact?: string;
  cardArtifact?: string;
  value?: unknown;
  note?: string;
}

/** What {@link runOutput} found: an output kept in the record, or an artifact's bytes. */
export type FoundOutput =
  | { type: 'inline'; stored: StoredOutput; value: unknown }
  | { type: 'artifact' | 'card'; stored: StoredOutput; bytes: Uint8Array };

/**
 * Reads output `node.port` of run `id` (or a model output's card); `NOT_FOUND` naming the output
 * when the run has none by that name, when it was not kept (with the reason), or after retention
 * removed it.
 */
export async function runOutput(hub: RunsHub, id: number, node: string, port: string, card: boolean): Promise<FoundOutput> {
  const name = `"${node}.${port}"`;
  const where = { runId: id, nodeId: node, port };
  const record = await hub.runs.output(id, node, port);
  if (record === undefined) throw new UserError('NOT_FOUND', `Run ${id} has no output ${name}.`, { details: where });
  const stored = { ...record, format: record.format ?? 'arrow' } as StoredOutput;
  if (card && stored.kind !== 'model') {
    throw new UserError('NOT_FOUND', `Output ${name} of run ${id} is a ${stored.kind}, not a model, so it has no card.`, {
      details: where,
    });
  }
  const hash = card ? stored.cardArtifact : stored.artifact;
  if (!card && 'value' in stored) return { type: 'inline', stored, value: stored.value };
  if (typeof hash !== 'string' || hub.artifacts === undefined) {
    const why = stored.note ?? (card ? 'The model card was not kept.' : 'It was not kept.');
    throw new UserError('NOT_FOUND', `Output ${name} of run ${id} is not available: ${why}`, { details: where });
  }
  try {
    return { type: card ? 'card' : 'artifact', stored, bytes: await hub.artifacts.read(hash) };
  } catch (error) {
    if (!(error instanceof UserError) || error.code !== 'NOT_FOUND') throw error;
    throw new UserError('NOT_FOUND', `Output ${name} of run ${id} is no longer kept: run outputs are removed after the retention period.`, {
      details: where,
    });
  }
}

/**
 * The spec of chart output `node.port` of run `id`; `NOT_FOUND` when the output is not a chart.
 *
 * @example
 * const spec = await chartOutput(hub, 7, 'chart', 'chart'); // a Vega-Lite spec
 */
export async function chartOutput(hub: RunsHub, id: number, node: string, port: string): Promise<Record<string, unknown>> {
  const found = await runOutput(hub, id, node, port, false);
  if (found.stored.kind !== 'chart') {
    throw new UserError('NOT_FOUND', `Output "${node}.${port}" of run ${id} is a ${found.stored.kind}, not a chart.`, {
      details: { runId: id, nodeId: node, port },
    });
  }
  const value = found.type === 'inline' ? found.value : JSON.parse(new TextDecoder().decode(found.bytes));
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UserError('CHART_INVALID', `Output "${node}.${port}" of run ${id} holds no chart specification.`);
  return value as Record<string, unknown>;
}

/** `text` reduced to characters safe in a download's file name. */
export function fileNamePart(text: string): string {
  return text.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 100);
}
