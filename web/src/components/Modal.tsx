import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';
import { focusable } from '../app/regions';

/** Keeps Tab inside the dialog: past its last control to its first, and back. */
function trapTab(box: HTMLElement, e: KeyboardEvent): void {
  const items = [...box.querySelectorAll<HTMLElement>(focusable)];
  const first = items[0];
  const last = items[items.length - 1];
  if (!first || !last) return;
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * A modal dialog over the editor: focus moves into it, stays in it (Tab wraps) and returns on close;
 * Escape or a click outside closes it.
 */
export function Modal({
  label,
  labelledBy,
  className,
  onClose,
  children,
}: {
  label?: string;
  labelledBy?: string;
  className: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : undefined;
    if (!box.current?.contains(document.activeElement)) box.current?.querySelector<HTMLElement>('input, button, [tabindex]')?.focus();
    return () => before?.focus();
  }, []);
  return (
    <div className="overlay">
      <button type="button" className="overlay-backdrop" tabIndex={-1} aria-label="Close" onClick={onClose} />
      <div
        ref={box}
        className={className}
        role="dialog"
        aria-modal="true"
        {...(label ? { 'aria-label': label } : {})}
        {...(labelledBy ? { 'aria-labelledby': labelledBy } : {})}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            onClose();
          } else if (e.key === 'Tab' && box.current) trapTab(box.current, e);
        }}
      >
        {children}
      </div>
    </div>
  );
}
