import type { NodeCategory } from '@causeway/sdk';
import { categoryColors } from '../canvas/port-colors';

// 16×16 strokes: a cylinder (data), a funnel, a small network, a checked shield, bars, an arrow out, a plug.
const paths: Record<NodeCategory, string> = {
  source:
    'M2.5 4c0-1.4 2.5-2.5 5.5-2.5s5.5 1.1 5.5 2.5-2.5 2.5-5.5 2.5S2.5 5.4 2.5 4zm0 0v8c0 1.4 2.5 2.5 5.5 2.5s5.5-1.1 5.5-2.5V4m-11 4c0 1.4 2.5 2.5 5.5 2.5s5.5-1.1 5.5-2.5',
  transform: 'M2 2.5h12L9.5 8.5v5l-3-1.5V8.5z',
  model: 'M4 4.5a1.8 1.8 0 1 0 0-.01M12 4.5a1.8 1.8 0 1 0 0-.01M8 12a1.8 1.8 0 1 0 0-.01M5.6 4.5h4.8M4.9 6l2.2 4.4M11.1 6l-2.2 4.4',
  validate: 'M8 1.5l5.5 2v4c0 3.4-2.4 5.9-5.5 7-3.1-1.1-5.5-3.6-5.5-7v-4zM5.5 8l2 2 3-3.5',
  visualize: 'M2 14h12M4 14V9M8 14V3M12 14V6',
  deploy: 'M8 11V2M4.5 5.5 8 2l3.5 3.5M2.5 10v3.5h11V10',
  plugin: 'M6 1.5v3.5M10 1.5v3.5M3.5 5h9v2.5a4.5 4.5 0 0 1-9 0zM8 12v2.5',
};

/** The icon of a node category, in its colour; decorative (the category is said in text beside it). */
export function CategoryIcon({ category, size = 16 }: { category: NodeCategory; size?: number }) {
  return (
    <svg
      className="category-icon"
      data-category={category}
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke={categoryColors[category]}
      strokeWidth={1.4}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d={paths[category]} />
    </svg>
  );
}
