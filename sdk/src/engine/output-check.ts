import { UserError } from '../errors/errors';
import type { PlanNode } from './plan';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Checks what `run` returned against the node's output ports (`PortSpec.check`) and keeps only the
 * declared ports. Throws a PORT_VALUE_INVALID UserError naming the first bad or missing port.
 */
export function checkOutputs(node: PlanNode, returned: unknown): Record<string, unknown> {
  if (!isRecord(returned)) {
    const got = returned === null ? 'null' : Array.isArray(returned) ? 'an array' : typeof returned;
    throw new UserError('PORT_VALUE_INVALID', `run returned ${got} instead of an object of outputs.`, { details: { nodeId: node.id } });
  }
  const outputs: Record<string, unknown> = {};
  for (const [port, spec] of node.outputs) {
    const value = Object.hasOwn(returned, port) ? returned[port] : undefined;
    if (!spec.check(value)) {
      const what = value === undefined ? 'is missing' : `is not a valid ${spec.kind}`;
      throw new UserError('PORT_VALUE_INVALID', `output "${port}" ${what}.`, { details: { nodeId: node.id, port } });
    }
    outputs[port] = value;
  }
  return outputs;
}
