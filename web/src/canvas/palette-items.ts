import type { AnyNodeDefinition, NodeCategory, NodeRegistry } from '@causeway/sdk';
import { categoryOrder } from './port-colors';

/** One entry of the palette: the newest version of a node type. */
export interface PaletteItem {
  type: string;
  title: string;
  description: string;
  category: NodeCategory;
}

/** The palette's groups, in category order, filtered by a search text over title, type and description. */
export function paletteGroups(registry: NodeRegistry, query: string): Array<{ category: NodeCategory; items: PaletteItem[] }> {
  const latest = new Map<string, AnyNodeDefinition>();
  for (const definition of registry.list()) latest.set(definition.type, definition);
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const items = [...latest.values()]
    .filter((d) => {
      const text = `${d.title} ${d.type} ${d.description} ${d.category}`.toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .map((d) => ({ type: d.type, title: d.title, description: d.description, category: d.category }))
    .sort((a, b) => rank(a, words) - rank(b, words) || byTitle(a, b));
  return categoryOrder
    .map((category) => ({ category, items: items.filter((i) => i.category === category) }))
    .filter((g) => g.items.length > 0);
}

/**
 * Plain code-unit order of the lower-cased titles: the titles are English words, and `localeCompare`
 * would load the locale's collation data while the page opens (tens of ms).
 */
function byTitle(a: PaletteItem, b: PaletteItem): number {
  const x = a.title.toLowerCase();
  const y = b.title.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Titles that start with the query come first. */
function rank(item: PaletteItem, words: string[]): number {
  const first = words[0];
  if (!first) return 0;
  return item.title.toLowerCase().startsWith(first) ? 0 : item.title.toLowerCase().includes(first) ? 1 : 2;
}
