import { tableFromIPC } from 'apache-arrow';
import type { ApiClient } from '../api/api-client';
import { runsApi } from '../api/runs-api';
import type { EditorStore } from '../canvas/editor-store';
import { profileTable } from '../runner/column-profile';
import type { ColumnProfile, PortPreview } from '../runner/runner-protocol';
import { fetchServerOutput } from './server-output';

/** Rows profiled for a server output: enough for a faithful histogram without moving the whole table. */
export const serverProfileRows = 10_000;

// The most rows the outputs route sends in one page.
const downloadPageRows = 10_000;

/** Where the results panel reads outputs from: the browser worker or a run stored on the server. */
export interface PreviewSource {
  preview(nodeId: string, portId: string, offset: number, limit: number): Promise<PortPreview>;
  profile(nodeId: string, portId: string): Promise<ColumnProfile[]>;
}

/**
 * The outputs of one server run, fetched by kind from the server's outputs route: table pages as
 * Arrow IPC, model cards and ONNX files, and the JSON of metrics, charts, reports and values.
 */
export class ServerPreviews implements PreviewSource {
  constructor(
    private readonly api: ApiClient,
    private readonly store: EditorStore,
    readonly runId: number,
  ) {}

  async preview(nodeId: string, portId: string, offset: number, limit: number): Promise<PortPreview> {
    const badge = this.store.getState().run.badges.get(nodeId);
    if (badge?.state !== 'done') return { kind: 'missing', message: `“${nodeId}” has no output in server run ${this.runId} yet.` };
    const summary = badge.outputs[portId];
    if (!summary) return { kind: 'missing', message: `“${nodeId}” has no output “${portId}”.` };
    return fetchServerOutput(this.api, { runId: this.runId, nodeId, portId }, summary, offset, limit);
  }

  /** The ONNX file of a model output, to save. */
  modelFile(nodeId: string, portId: string): Promise<Blob> {
    return runsApi.modelFile(this.api, this.runId, nodeId, portId);
  }

  /** Every row of a table output, as the server's Arrow IPC pages, to write as a file. */
  async tablePages(nodeId: string, portId: string, totalRows: number): Promise<Uint8Array[]> {
    const pages: Uint8Array[] = [];
    for (let offset = 0; offset === 0 || offset < totalRows; offset += downloadPageRows) {
      pages.push(await runsApi.outputPage(this.api, this.runId, nodeId, portId, offset, downloadPageRows));
    }
    return pages;
  }

  async profile(nodeId: string, portId: string): Promise<ColumnProfile[]> {
    const ipc = await runsApi.outputPage(this.api, this.runId, nodeId, portId, 0, serverProfileRows);
    return profileTable(tableFromIPC(ipc));
  }
}
