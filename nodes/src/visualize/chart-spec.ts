import type { ChartValue } from '@causeway/sdk';
import type { ChartConfig } from './chart-config';
import type { ChartData } from './chart-data';
import { aggregateOf } from './chart-rules';

const schema = 'https://vega.github.io/schema/vega-lite/v6.json';
type Encoding = Record<string, unknown>;

function axis(data: ChartData, role: 'x' | 'y', title: string | undefined): Encoding {
  const type = data.types[role] ?? 'quantitative';
  if (data.binned[role]) return { field: role, type, bin: { binned: true }, title };
  return { field: role, type, title };
}

function valueTitle(config: ChartConfig): string {
  const aggregate = aggregateOf(config);
  const counted = aggregate === 'count' || (config.mark === 'heatmap' && aggregate === 'none');
  if (config.mark === 'histogram' || counted) return 'rows';
  const of = config.mark === 'heatmap' ? config.color : config.y;
  return aggregate === 'none' ? (of ?? '') : `${aggregate} of ${of}`;
}

function encodings(config: ChartConfig, data: ChartData): { mark?: unknown; encoding?: Encoding; layer?: unknown[] } {
  const color = data.types.color ? { color: { field: 'color', type: data.types.color, title: config.color } } : {};
  const x = axis(data, 'x', config.x);
  const x2 = data.binned.x ? { x2: { field: 'x2' } } : {};
  switch (config.mark) {
    case 'histogram':
      return {
        mark: 'bar',
        encoding: { x, ...x2, y: { field: 'count', type: 'quantitative', title: 'rows' }, ...color },
      };
    case 'heatmap':
      return {
        mark: 'rect',
        encoding: {
          x,
          ...x2,
          y: axis(data, 'y', config.y),
          ...(data.binned.y ? { y2: { field: 'y2' } } : {}),
          color: { field: 'value', type: 'quantitative', title: valueTitle(config) },
        },
      };
    case 'boxplot': {
      const shared = config.x === undefined ? {} : { x: { field: 'x', type: 'nominal', title: config.x } };
      const y = (field: string) => ({ field, type: 'quantitative', title: config.y });
      return {
        encoding: shared,
        layer: [
          { mark: 'rule', encoding: { y: y('lower'), y2: { field: 'upper' } } },
          { mark: { type: 'bar', size: 16, stroke: '#4c78a8' }, encoding: { y: y('q1'), y2: { field: 'q3' } } },
          { mark: { type: 'tick', color: 'white', size: 16 }, encoding: { y: y('median') } },
        ],
      };
    }
    default: {
      const bar = config.mark === 'bar';
      const size = data.types.size ? { size: { field: 'size', type: 'quantitative', title: config.size } } : {};
      const mark = config.mark === 'point' ? { type: 'point', filled: true, opacity: 0.6 } : config.mark;
      const y = { field: 'y', type: data.types.y ?? 'quantitative', title: valueTitle(config) };
      return { mark, encoding: { x, ...(bar ? x2 : {}), y, ...color, ...size } };
    }
  }
}

/**
 * The Vega-Lite spec of a chart over its reduced rows; the subtitle says how the rows were reduced.
 *
 * @example
 * chartSpec(config, chartData(table, config)) // { $schema, title: { text, subtitle }, data: { values }, mark, encoding }
 */
export function chartSpec(config: ChartConfig, data: ChartData): ChartValue {
  const text = config.title ?? defaultTitle(config);
  const title = data.notes.length > 0 ? { text, subtitle: data.notes.join('; ') } : { text };
  const body = encodings(config, data);
  if (data.types.facet === undefined) return { $schema: schema, title, width: 360, height: 240, data: { values: data.values }, ...body };
  return {
    $schema: schema,
    title,
    data: { values: data.values },
    facet: { field: 'facet', type: 'nominal', title: config.facet },
    columns: 4,
    spec: { width: 200, height: 150, ...body },
  };
}

function defaultTitle(config: ChartConfig): string {
  const by = config.x === undefined ? '' : ` by ${config.x}`;
  if (config.mark === 'histogram') return `Distribution of ${config.x}`;
  if (config.mark === 'boxplot') return `${config.y}${by}`;
  if (config.mark === 'heatmap') return `${valueTitle(config)} by ${config.x} and ${config.y}`;
  return `${valueTitle(config)}${by}`;
}
