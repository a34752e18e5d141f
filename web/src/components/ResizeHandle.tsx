import type { KeyboardEvent, PointerEvent } from 'react';
import { useRef } from 'react';

export interface ResizeHandleProps {
  /** What it resizes, for screen readers ("Resize results"). */
  label: string;
  value: number;
  min: number;
  max: number;
  /** Asked for a new height: by dragging (pixels moved up grow it) or by the keyboard. */
  onResize: (height: number) => void;
  /** The height for a key (arrows, Home, End), or undefined to leave the key alone. */
  onKey: (key: string, shift: boolean) => number | undefined;
}

/** A horizontal bar to drag, or focus and use the arrow keys on, to resize the panel below it. */
export function ResizeHandle({ label, value, min, max, onResize, onKey }: ResizeHandleProps) {
  const start = useRef<{ y: number; value: number } | undefined>(undefined);
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = { y: event.clientY, value };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (start.current) onResize(start.current.value + start.current.y - event.clientY);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next = onKey(event.key, event.shiftKey);
    if (next === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    onResize(next);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: <hr> cannot take focus or be dragged; a focusable separator is the ARIA pattern for a splitter
    <div
      className="resize-handle"
      role="separator"
      aria-orientation="horizontal"
      aria-label={label}
      aria-valuenow={Math.round(value)}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => {
        start.current = undefined;
      }}
      onPointerCancel={() => {
        start.current = undefined;
      }}
      onKeyDown={onKeyDown}
    />
  );
}
