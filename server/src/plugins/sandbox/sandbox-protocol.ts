import type { LogLevel } from '@causeway/sdk';

/** A port value on the wire: tables as Arrow IPC bytes, anything else by structured clone. */
export type WireValue = { table: Uint8Array } | { value: unknown };

/** A port's wire form: one value, or a list for ports that take several edges. */
export type WirePort = WireValue | WireValue[];

/** What the host sends a sandbox process. */
export type ToSandbox =
  | {
      type: 'run';
      callId: number;
      /** file: URL of the plugin's bundle, already rewritten to import the sandbox's SDK. */
      bundle: string;
      nodeType: string;
      nodeVersion: number;
      nodeId: string;
      config: unknown;
      inputs: Record<string, WirePort>;
    }
  | {
      type: 'migrate';
      callId: number;
      bundle: string;
      nodeType: string;
      /** The version whose `migrate` runs. */
      nodeVersion: number;
      fromVersion: number;
      config: unknown;
    }
  | { type: 'abort'; callId: number }
  /** The answer to a `fetch` the sandbox asked for: the reply, or why it failed. */
  | { type: 'fetched'; requestId: number; reply?: FetchReply; error?: { code: string; message: string } };

/** A host request's answer as it crosses to the sandbox. */
export interface FetchReply {
  status: number;
  headers: Record<string, string>;
  bytes: Uint8Array;
  url: string;
}

/** What a sandbox process sends back. */
export type FromSandbox =
  | { type: 'ready' }
  | { type: 'log'; callId: number; level: LogLevel; message: string }
  | { type: 'progress'; callId: number; fraction: number }
  | { type: 'result'; callId: number; outputs: Record<string, WireValue> }
  | { type: 'migrated'; callId: number; config: unknown }
  /** A node's `ctx.fetch`: the host checks the plugin's grant and makes the request. */
  | { type: 'fetch'; callId: number; requestId: number; request: unknown }
  | { type: 'error'; callId: number; code: string; message: string };
