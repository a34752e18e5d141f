import type { Graph } from '@causeway/sdk';

/**
 * A new graph made from a template: the same nodes and edges under a fresh id (so saving never
 * touches the template) and the template's name with the date, which the user can rename.
 */
export function graphFromTemplate(template: Graph, now: Date, random: () => number = Math.random): Graph {
  const suffix = Math.floor(random() * 36 ** 6)
    .toString(36)
    .padStart(6, '0');
  const id = `${template.id.slice(0, 56)}-${suffix}`;
  return { ...template, id, name: `${template.name} (${now.toISOString().slice(0, 10)})` };
}

/** The category of a node type, from its prefix: `model.predict` → `model`; plugin types → `plugin`. */
export function categoryOfType(type: string): string {
  if (type.includes('/')) return 'plugin';
  return type.split('.')[0] ?? type;
}
