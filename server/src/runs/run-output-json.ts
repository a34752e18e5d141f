export { type RunOutputJson, runOutputJson, runOutputRecord } from '@causeway/contract';

const encoder = new TextEncoder();

/** `{"kind":…,"<key>":<json>}` around stored JSON text, without parsing it. */
export function runOutputEnvelope(kind: string, key: 'card' | 'value', json: Uint8Array): Uint8Array {
  const head = encoder.encode(`{"kind":${JSON.stringify(kind)},"${key}":`);
  const out = new Uint8Array(head.byteLength + json.byteLength + 1);
  out.set(head);
  out.set(json, head.byteLength);
  out[out.byteLength - 1] = 0x7d; // }
  return out;
}
