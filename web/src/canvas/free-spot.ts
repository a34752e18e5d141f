type Size = { width?: number; height?: number };
type Placed = { id: string; position: readonly [number, number] };

/** A new card's size before React Flow has measured it. */
export const newCardSize = { width: 220, height: 100 } as const;
const gap = 20;

/**
 * Where a new node (or a pasted group, `size` its bounding box) goes near `at` without covering
 * another: `at` itself when free, else further down in steps of half a card. A card hidden under
 * another hides its ports from the keyboard too.
 */
export function freeSpot(
  at: readonly [number, number],
  nodes: ReadonlyArray<Placed>,
  sizes: ReadonlyMap<string, Size>,
  size: { width: number; height: number } = newCardSize,
): [number, number] {
  const [x, y0] = at;
  const overlaps = (y: number) =>
    nodes.some((n) => {
      const measured = sizes.get(n.id);
      const w = measured?.width ?? newCardSize.width;
      const h = measured?.height ?? newCardSize.height;
      const [nx, ny] = n.position;
      return x < nx + w + gap && nx < x + size.width + gap && y < ny + h + gap && ny < y + size.height + gap;
    });
  let y = y0;
  for (let step = 0; step < 1000 && overlaps(y); step++) y += newCardSize.height / 2;
  return [Math.round(x), Math.round(y)];
}

/** The box around cards of the default size placed at `positions`. */
export function boundsOf(positions: ReadonlyArray<readonly [number, number]>): { x: number; y: number; width: number; height: number } {
  if (positions.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  const xs = positions.map((p) => p[0]);
  const ys = positions.map((p) => p[1]);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x + newCardSize.width, height: Math.max(...ys) - y + newCardSize.height };
}
