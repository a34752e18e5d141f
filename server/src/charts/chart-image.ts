import { UserError } from '@causeway/sdk';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Image formats a chart exports to. */
export type ChartImageFormat = 'svg' | 'png';

function vegaSpec(spec: Record<string, unknown>) {
  const schema = typeof spec.$schema === 'string' ? spec.$schema : '';
  // a plain Vega spec says so in its $schema; anything else is read as Vega-Lite
  if (/\/schema\/vega\/v\d/.test(schema)) return spec;
  return compile(spec as unknown as TopLevelSpec).spec;
}

/**
 * The SVG text of a Vega-Lite (or Vega) spec, drawn headless. Expressions in the spec are interpreted
 * from their syntax tree, never compiled into functions, as in the editor.
 *
 * @example
 * const svg = await chartSvg({ mark: 'bar', data: { values: [{ a: 1 }] }, encoding: { x: { field: 'a' } } });
 */
export async function chartSvg(spec: Record<string, unknown>): Promise<string> {
  let view: View;
  try {
    const runtime = parse(vegaSpec(spec) as never, undefined, { ast: true });
    view = new View(runtime, { renderer: 'none', expr: expressionInterpreter as never, logLevel: 0 });
  } catch (cause) {
    throw new UserError('CHART_INVALID', `The chart cannot be drawn: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * A PNG of the chart: its SVG rasterized by resvg at `scale` times its size, with the system's fonts.
 *
 * @example
 * const png = await chartPng(spec, 2); // Uint8Array starting with the PNG signature
 */
export async function chartPng(spec: Record<string, unknown>, scale = 2): Promise<Uint8Array> {
  const svg = await chartSvg(spec);
  const image = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return image.render().asPng();
}

/**
 * The chart as an image file's bytes and content type.
 *
 * @example
 * const { bytes, type } = await chartImage(spec, 'svg'); // type 'image/svg+xml'
 */
export async function chartImage(
  spec: Record<string, unknown>,
  format: ChartImageFormat,
  scale = 2,
): Promise<{ bytes: Uint8Array; type: string }> {
  if (format === 'svg') return { bytes: new TextEncoder().encode(await chartSvg(spec)), type: 'image/svg+xml' };
  return { bytes: await chartPng(spec, scale), type: 'image/png' };
}
