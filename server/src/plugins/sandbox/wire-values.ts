import { isArrowTable } from '@causeway/sdk';
import { tableFromIPC, tableToIPC } from 'apache-arrow';
import type { WirePort, WireValue } from './sandbox-protocol';

/** A port value in wire form: an Arrow table becomes IPC stream bytes. */
export function toWire(value: unknown): WireValue {
  return isArrowTable(value) ? { table: tableToIPC(value, 'stream') } : { value };
}

/** A port value back from wire form: IPC bytes become a table of this side's apache-arrow. */
export function fromWire(wire: WireValue): unknown {
  return 'table' in wire ? tableFromIPC(wire.table) : wire.value;
}

/** Every port in wire form; ports that take several edges (`multiple`) keep their list. */
export function portsToWire(values: Record<string, unknown>, multiple: (port: string) => boolean): Record<string, WirePort> {
  const out: Record<string, WirePort> = {};
  for (const [id, value] of Object.entries(values)) {
    if (value === undefined) continue;
    out[id] = multiple(id) && Array.isArray(value) ? value.map(toWire) : toWire(value);
  }
  return out;
}

export function portsFromWire(wire: Record<string, WirePort>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, value] of Object.entries(wire)) out[id] = Array.isArray(value) ? value.map(fromWire) : fromWire(value);
  return out;
}

/** The byte arrays inside wire values, so they are transferred or counted rather than copied. */
export function wireBytes(ports: Record<string, WirePort>): Uint8Array[] {
  const bytes: Uint8Array[] = [];
  for (const port of Object.values(ports)) {
    for (const wire of Array.isArray(port) ? port : [port]) if ('table' in wire) bytes.push(wire.table);
  }
  return bytes;
}
