import { useDeferredValue, useMemo, useState } from 'react';
import { useEditor, useEditorServices } from '../app/editor-context';
import { paletteGroups } from '../canvas/palette-items';
import { categoryColors } from '../canvas/port-colors';
import { CategoryIcon } from './CategoryIcon';
import { nodeDragType } from './GraphCanvas';

/** The searchable list of node types by category: drag one onto the canvas, or press Enter to add it. */
export function Palette({ onAdd }: { onAdd: (type: string) => void }) {
  const { store } = useEditorServices();
  const [query, setQuery] = useState('');
  const deferred = useDeferredValue(query);
  // The registry is replaced when the worker's plugins arrive after the page has drawn.
  const registry = useEditor(() => store.registry);
  const groups = useMemo(() => paletteGroups(registry, deferred), [registry, deferred]);
  return (
    <nav className="palette" aria-label="Node palette">
      <input type="search" placeholder="Search nodes…" aria-label="Search nodes" value={query} onChange={(e) => setQuery(e.target.value)} />
      {groups.length === 0 && <p className="muted">No node type matches “{query}”.</p>}
      {groups.map((group) => (
        <section key={group.category} aria-label={group.category}>
          <h2 style={{ borderLeftColor: categoryColors[group.category] }}>{group.category}</h2>
          <ul>
            {group.items.map((item) => (
              <li key={item.type}>
                <button
                  type="button"
                  className="palette-item"
                  draggable
                  data-type={item.type}
                  title={item.description}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(nodeDragType, item.type);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => onAdd(item.type)}
                >
                  <CategoryIcon category={item.category} />
                  <span className="palette-title">{item.title}</span>
                  <small>{item.type}</small>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
}
