import type { ArtifactStore } from '../artifacts/artifact-store';
import type { NodeRecord } from './run-queue';
import type { RunOutput } from './thread-protocol';

/**
 * JSON outputs up to this size ride in the node run's record instead of a file of their own: a
 * constant or a threshold is not worth an artifact's write and row on every run of a busy queue.
 */
export const inlineJsonBytes = 2048;

/** The artifact owner of a run's output port; retention parses it back (see run-output-retention.ts). */
export function runOutputOwner(runId: number, nodeId: string, port: string): string {
  return `run:${runId}:${nodeId}.${port}`;
}

const decoder = new TextDecoder();

/**
 * Stores a finished run's outputs as artifacts of their format (`arrow`, `onnx`, `json`) held by
 * the run, and records each in its node's `outputs` beside the summary:
 * `{ kind, format, artifact, bytes, cardArtifact? }`, `{ kind, format: 'json', bytes, value }` for a
 * small JSON output, or `{ kind, note }` for one that could not be kept. Returns the nodes changed.
 */
export async function storeRunOutputs(
  artifacts: ArtifactStore,
  runId: number,
  nodes: Map<string, NodeRecord>,
  outputs: RunOutput[],
): Promise<NodeRecord[]> {
  const changed = new Set<NodeRecord>();
  await Promise.all(
    outputs.map(async (output) => {
      const node = nodes.get(output.nodeId);
      if (node === undefined) return;
      const record = await recordOf(artifacts, runOutputOwner(runId, output.nodeId, output.port), output);
      const existing = node.outputs ?? {};
      existing[output.port] = { ...(existing[output.port] as object | undefined), ...record };
      node.outputs = existing;
      changed.add(node);
    }),
  );
  return [...changed];
}

async function recordOf(artifacts: ArtifactStore, owner: string, output: RunOutput): Promise<Record<string, unknown>> {
  const { kind, format, bytes } = output;
  if (format === undefined || bytes === undefined) return { kind, note: output.note ?? 'The output was not kept.' };
  if (format === 'json' && bytes.byteLength <= inlineJsonBytes) {
    const text = decoder.decode(bytes);
    // PostgreSQL's jsonb refuses the NUL character; such text goes to a file instead.
    if (!text.includes('\\u0000')) return { kind, format, bytes: bytes.byteLength, value: JSON.parse(text) as unknown };
  }
  const stored = await artifacts.put(bytes, format, owner);
  const record: Record<string, unknown> = { kind, format, artifact: stored.hash, bytes: stored.size };
  if (output.card !== undefined) record.cardArtifact = (await artifacts.put(output.card, 'json', owner)).hash;
  if (output.note !== undefined) record.note = output.note;
  return record;
}
