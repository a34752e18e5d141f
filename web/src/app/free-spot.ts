type Size = { width?: number; height?: number };

/** A new card's size before React Flow has measured it. */
export const newCardSize = { width: 220, height: 100 } as const;
const gap = 20;

/**
 * Where a new node goes near `at` without covering another: `at` itself when free, else further
 * down in steps of a card's height. A card hidden under another hides its ports from the keyboard too.
 */
export function freeSpot(
  at: readonly [number, number],
  nodes: ReadonlyArray<{ id: string; position: readonly [number, number] }>,
  sizes: ReadonlyMap<string, Size>,
): [number, number] {
  const [x, y0] = at;
  const overlaps = (y: number) =>
    nodes.some((n) => {
      const size = sizes.get(n.id);
      const w = size?.width ?? newCardSize.width;
      const h = size?.height ?? newCardSize.height;
      const [nx, ny] = n.position;
      return x < nx + w + gap && nx < x + newCardSize.width + gap && y < ny + h + gap && ny < y + newCardSize.height + gap;
    });
  let y = y0;
  for (let step = 0; step < 100 && overlaps(y); step++) y += newCardSize.height / 2;
  return [Math.round(x), Math.round(y)];
}
