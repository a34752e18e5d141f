import { useMemo, useState } from 'react';
import { useEditorServices } from '../app/editor-context';
import { paletteGroups } from '../canvas/palette-items';
import { Modal } from './Modal';

/** A command box: type a few letters of a node's name, Enter adds it (after the selected node when there is one). */
export function QuickAdd({ initial, onPick, onClose }: { initial: string; onPick: (type: string) => void; onClose: () => void }) {
  const { store } = useEditorServices();
  const [query, setQuery] = useState(initial);
  const [active, setActive] = useState(0);
  const items = useMemo(() => paletteGroups(store.registry, query).flatMap((g) => g.items), [store, query]);
  const pick = (index: number) => {
    const item = items[index];
    if (item) onPick(item.type);
  };
  return (
    <Modal className="quick-add" label="Add a node" onClose={onClose}>
      <input
        // biome-ignore lint/a11y/noAutofocus: the dialog opens because the user started typing
        autoFocus
        aria-label="Node to add"
        role="combobox"
        aria-expanded="true"
        aria-controls="quick-add-list"
        aria-activedescendant={items[active] ? `quick-add-${active}` : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min(items.length - 1, a + 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
          else if (e.key === 'Enter') pick(active);
          else return;
          e.preventDefault();
        }}
      />
      <div id="quick-add-list" role="listbox" aria-label="Matching node types" className="quick-add-list">
        {items.slice(0, 12).map((item, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys for the list
          <div key={item.type} id={`quick-add-${i}`} role="option" tabIndex={-1} aria-selected={i === active} onClick={() => pick(i)}>
            <span>{item.title}</span> <small>{item.type}</small>
          </div>
        ))}
        {items.length === 0 && <p className="muted">No match</p>}
      </div>
    </Modal>
  );
}
