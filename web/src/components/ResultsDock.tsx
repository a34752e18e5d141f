import { type ReactNode, useEffect, useState } from 'react';
import { clampPanelHeight, keyedPanelHeight, panelHeight, storedPanelHeight } from '../canvas/panel-height';
import { ResizeHandle } from './ResizeHandle';

const heightKey = 'causeway.resultsHeight';

/** The row under the canvas that holds the results or the timeline: resizable, its height remembered. */
export function ResultsDock({ open, children }: { open: boolean; children: ReactNode }) {
  const [height, setHeight] = useState(() => storedPanelHeight(localStorage.getItem(heightKey)));
  const [available, setAvailable] = useState(() => window.innerHeight);
  useEffect(() => {
    const onResize = () => setAvailable(window.innerHeight);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const shown = clampPanelHeight(height, available);
  const resize = (next: number) => {
    const clamped = clampPanelHeight(next, available);
    setHeight(clamped);
    localStorage.setItem(heightKey, String(clamped));
  };
  if (!open) return <div className="results-dock" />;
  return (
    <div className="results-dock" style={{ height: shown }}>
      <ResizeHandle
        label="Resize results"
        value={shown}
        min={panelHeight.min}
        max={clampPanelHeight(Number.POSITIVE_INFINITY, available)}
        onResize={resize}
        onKey={(key, shift) => keyedPanelHeight(shown, key, shift, available)}
      />
      {children}
    </div>
  );
}
