import { createWriteStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { type Graph, isArrowTable, type ModelValue, type NodeRegistry, type PortMap, writeCsvChunks } from '@causeway/sdk';
import { tableToIPC } from 'apache-arrow';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * Writes every output of a run into `folder` as `<node>.<port>.<ext>`: tables as `.csv` and
 * `.arrow` (Arrow IPC file), models as `.onnx` and `.card.json`, everything else as `.json`;
 * charts also as `.svg`, and `.png` when `options.png` asks.
 * Node and port ids are identifiers, so the names are safe. Returns the file names written.
 */
export async function writeOutputs(
  folder: string,
  graph: Graph,
  registry: NodeRegistry,
  outputs: ReadonlyMap<string, Record<string, unknown>>,
  options: { png?: boolean } = {},
): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  const written: string[] = [];
  const put = async (name: string, content: string | Uint8Array) => {
    await writeFile(join(folder, name), content);
    written.push(name);
  };
  for (const node of graph.nodes) {
    const values = outputs.get(node.id);
    const resolution = registry.resolve(node.type, node.version);
    if (!values || resolution.status === 'unknown-type' || resolution.status === 'unknown-version') continue;
    const ports: PortMap = resolution.definition.outputs;
    for (const [port, spec] of Object.entries(ports)) {
      const value = values[port];
      if (value === undefined) continue;
      const base = `${node.id}.${port}`;
      if (isArrowTable(value)) {
        // Streamed in pieces, so a big table never becomes one huge string.
        await pipeline(writeCsvChunks(value), createWriteStream(join(folder, `${base}.csv`)));
        written.push(`${base}.csv`);
        await put(`${base}.arrow`, tableToIPC(value, 'file'));
      } else if (spec.kind === 'model') {
        // The engine checked every output against its port, so a model port holds a ModelValue.
        await put(`${base}.onnx`, (value as ModelValue).onnx);
        await put(`${base}.card.json`, json((value as ModelValue).card));
      } else {
        await put(`${base}.json`, json(value));
        if (spec.kind === 'chart') {
          // the renderer (vega, resvg) loads only when a run has a chart
          const { chartPng, chartSvg } = await import('../charts/chart-image');
          const chart = value as Record<string, unknown>;
          await put(`${base}.svg`, await chartSvg(chart));
          if (options.png) await put(`${base}.png`, await chartPng(chart));
        }
      }
    }
  }
  return written;
}
