import { isArrowTable, type PortKind } from '@causeway/sdk';
import { tableToIPC } from 'apache-arrow';
import type { RunOutput } from './thread-protocol';

/** Why a value cannot be kept as JSON; its message becomes the output's note. */
class NotJson extends Error {}

/**
 * JSON text of `value`, or a {@link NotJson} naming why not. The replacer counts as it goes, so a
 * value far over `maxBytes` is refused before its whole text is built.
 */
function jsonOf(value: unknown, maxBytes: number): string {
  let budget = maxBytes;
  const replacer = (_key: string, item: unknown): unknown => {
    if (typeof item === 'function' || typeof item === 'symbol') throw new NotJson(`it holds a ${typeof item}`);
    if (item instanceof Map || item instanceof Set) throw new NotJson(`it holds a ${item.constructor.name}`);
    if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) throw new NotJson('it holds binary data');
    budget -= typeof item === 'string' ? item.length + 3 : 8;
    if (budget < 0) throw new NotJson(`it is larger than the ${maxBytes}-byte limit for JSON outputs`);
    return item;
  };
  let text: string | undefined;
  try {
    text = JSON.stringify(value, replacer);
  } catch (error) {
    if (error instanceof NotJson) throw error;
    // JSON.stringify's own refusals: big integers and cycles.
    if (error instanceof TypeError && /BigInt/i.test(error.message)) throw new NotJson('it holds a big integer');
    if (error instanceof TypeError && /circular/i.test(error.message)) throw new NotJson('it refers to itself');
    throw error;
  }
  if (text === undefined) throw new NotJson('it has no JSON form');
  return text;
}

const encoder = new TextEncoder();

function jsonBytes(value: unknown, maxBytes: number): Uint8Array {
  const bytes = encoder.encode(jsonOf(value, maxBytes));
  if (bytes.byteLength > maxBytes) throw new NotJson(`it is larger than the ${maxBytes}-byte limit for JSON outputs`);
  return bytes;
}

function isModelValue(value: unknown): value is { onnx: Uint8Array; card: unknown } {
  return typeof value === 'object' && value !== null && (value as { onnx?: unknown }).onnx instanceof Uint8Array;
}

/** One output by its port kind: tables as Arrow IPC, models as ONNX bytes and a JSON card, the rest as JSON text. */
function serializeOne(nodeId: string, port: string, kind: PortKind, value: unknown, maxJsonBytes: number): RunOutput {
  try {
    if (kind === 'table' && isArrowTable(value)) return { nodeId, port, kind, format: 'arrow', bytes: tableToIPC(value, 'stream') };
    if (kind === 'model' && isModelValue(value)) {
      const model: RunOutput = { nodeId, port, kind, format: 'onnx', bytes: value.onnx };
      try {
        model.card = jsonBytes(value.card, maxJsonBytes);
      } catch (error) {
        if (!(error instanceof NotJson)) throw error;
        model.note = `The model card was not kept: ${error.message}.`;
      }
      return model;
    }
    if (kind === 'table' || kind === 'model') return { nodeId, port, kind, note: `The output is not a ${kind}, so it was not kept.` };
    return { nodeId, port, kind, format: 'json', bytes: jsonBytes(value, maxJsonBytes) };
  } catch (error) {
    // Whatever goes wrong with one output, the run still reports back with the others.
    const why =
      error instanceof NotJson ? error.message : `it could not be serialized (${error instanceof Error ? error.message : String(error)})`;
    return { nodeId, port, kind, note: `The output was not kept: ${why}.` };
  }
}

/**
 * Every output of a finished run, serialized by its port kind, with the buffers to transfer (each
 * once) rather than copy. `kindOf` gives a port's declared kind; undeclared ports go by their value.
 */
export function serializeOutputs(
  outputs: Map<string, Record<string, unknown>>,
  kindOf: (nodeId: string, port: string) => PortKind | undefined,
  maxJsonBytes: number,
): { outputs: RunOutput[]; transfer: ArrayBuffer[] } {
  const serialized: RunOutput[] = [];
  const buffers = new Set<ArrayBuffer>();
  for (const [nodeId, values] of outputs) {
    for (const [port, value] of Object.entries(values)) {
      const kind = kindOf(nodeId, port) ?? (isArrowTable(value) ? 'table' : isModelValue(value) ? 'model' : 'value');
      const output = serializeOne(nodeId, port, kind, value, maxJsonBytes);
      serialized.push(output);
      for (const bytes of [output.bytes, output.card]) {
        // A shared buffer cannot be transferred; it is shared instead, which copies nothing either.
        if (bytes !== undefined && bytes.buffer instanceof ArrayBuffer) buffers.add(bytes.buffer);
      }
    }
  }
  return { outputs: serialized, transfer: [...buffers] };
}
