import type { NodeCategory, PortKind } from '@causeway/sdk';

/** Port colours: each at least 4.5:1 against white, so they also work as text (WCAG AA). */
export const portColors: Record<PortKind, string> = {
  table: '#1760a5',
  model: '#7a32d6',
  metrics: '#a4460f',
  report: '#1b6d35',
  chart: '#b0226c',
  value: '#4f5962',
};

/** Category colours of the node header stripe and the palette. */
export const categoryColors: Record<NodeCategory, string> = {
  source: '#1760a5',
  transform: '#0f6e6e',
  model: '#7a32d6',
  validate: '#1b6d35',
  visualize: '#b0226c',
  deploy: '#a4460f',
  plugin: '#4f5962',
};

/** Palette order of categories. */
export const categoryOrder: readonly NodeCategory[] = ['source', 'transform', 'model', 'validate', 'visualize', 'deploy', 'plugin'];
