import { tableFromIPC } from 'apache-arrow';
import type { ApiClient } from '../api/api-client';
import { runsApi } from '../api/runs-api';
import type { EditorStore } from '../canvas/editor-store';
import { profileTable } from '../runner/column-profile';
import type { ColumnProfile, PortPreview, TablePage } from '../runner/runner-protocol';

/** Rows profiled for a server output: enough for a faithful histogram without moving the whole table. */
export const serverProfileRows = 10_000;

/** Where the results panel reads outputs from: the browser worker or a run stored on the server. */
export interface PreviewSource {
  preview(nodeId: string, portId: string, offset: number, limit: number): Promise<PortPreview>;
  profile(nodeId: string, portId: string): Promise<ColumnProfile[]>;
}

/**
 * The outputs of one server run: table pages come from the server's paged preview route as Arrow IPC;
 * metrics, reports and models show the summary the run's events carry (their full values stay on the server).
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
    switch (summary.kind) {
      case 'table': {
        const ipc = await runsApi.outputPage(this.api, this.runId, nodeId, portId, offset, Math.max(1, limit));
        const page: TablePage = { kind: 'table', totalRows: summary.rows, offset, schema: summary.schema, ipc };
        return page;
      }
      case 'metrics':
        return { kind: 'metrics', value: { values: summary.values } };
      case 'report':
        return { kind: 'value', value: { passed: summary.passed, checks: summary.checks, failed: summary.failed } };
      case 'model':
        return { kind: 'value', value: { task: summary.task, features: summary.features, bytes: summary.bytes } };
      case 'value':
        return { kind: 'value', value: summary.preview };
      case 'chart':
        return { kind: 'missing', message: 'Charts of server runs are not stored; run in the browser to see this chart.' };
    }
  }

  async profile(nodeId: string, portId: string): Promise<ColumnProfile[]> {
    const ipc = await runsApi.outputPage(this.api, this.runId, nodeId, portId, 0, serverProfileRows);
    return profileTable(tableFromIPC(ipc));
  }
}
