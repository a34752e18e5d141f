/** One bar: a label, its value and how the value reads. */
export interface Bar {
  label: string;
  value: number;
  text: string;
}

const rowHeight = 22;
const labelWidth = 90;
const width = 360;

/**
 * A small horizontal bar chart in SVG (no chart library): one row per bar, scaled to the largest value.
 * Screen readers get the title and each bar's label and value.
 */
export function BarChart({ title, bars }: { title: string; bars: Bar[] }) {
  const largest = Math.max(...bars.map((b) => b.value), 0);
  const room = width - labelWidth - 70;
  const height = Math.max(1, bars.length) * rowHeight;
  return (
    <figure className="bar-chart">
      <figcaption>{title}</figcaption>
      {bars.length === 0 ? (
        <p className="muted">Nothing yet.</p>
      ) : (
        <svg role="img" aria-label={`${title}: ${bars.map((b) => `${b.label} ${b.text}`).join(', ')}`} width={width} height={height}>
          {bars.map((b, i) => {
            const y = i * rowHeight;
            const w = largest > 0 ? Math.max(1, (b.value / largest) * room) : 1;
            return (
              <g key={b.label} data-bar={b.label}>
                <text x={0} y={y + 15} className="bar-label">
                  {b.label}
                </text>
                <rect x={labelWidth} y={y + 4} width={w} height={rowHeight - 8} className="bar" />
                <text x={labelWidth + w + 6} y={y + 15} className="bar-value">
                  {b.text}
                </text>
              </g>
            );
          })}
        </svg>
      )}
    </figure>
  );
}
