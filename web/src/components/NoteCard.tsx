import type { NodeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import { useEditor, useEditorServices } from '../app/editor-context';
import { graphEdits } from '../canvas/graph-edits';
import type { FlowNode } from '../canvas/to-flow';

/** A sticky note: text the analyst leaves on the canvas. Click (or Enter) to edit. */
export const NoteCard = memo(function NoteCard({ id }: NodeProps<FlowNode>) {
  const { store } = useEditorServices();
  const note = useEditor((s) => s.graph.notes?.find((n) => n.id === id));
  const [editing, setEditing] = useState(false);
  if (!note) return null;
  return (
    <div className="note-card">
      {editing ? (
        <textarea
          className="nodrag nowheel"
          aria-label="Note text"
          defaultValue={note.text}
          // biome-ignore lint/a11y/noAutofocus: the user asked to edit this note just now
          autoFocus
          onBlur={(e) => {
            setEditing(false);
            if (e.target.value !== note.text) store.commit(graphEdits.setNote(store.getState().graph, id, { text: e.target.value }));
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') e.currentTarget.blur();
            e.stopPropagation();
          }}
        />
      ) : (
        <button type="button" className="note-text" onClick={() => setEditing(true)} title="Edit note">
          {note.text || 'Click to write a note'}
        </button>
      )}
    </div>
  );
});
