import { type ReactNode, useEffect, useRef } from 'react';

/**
 * A modal dialog over the editor: focus moves into it and returns on close; Escape or a click
 * outside closes it.
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
          }
        }}
      >
        {children}
      </div>
    </div>
  );
}
