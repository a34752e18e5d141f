import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useMemo } from 'react';
import { readableViewport, wholeViewport } from '../canvas/readable-fit';

/** "Fit" (never past a readable zoom) and "Fit all" (the whole graph, however small it draws). */
export function useFit(): { fit: () => void; fitAll: () => void } {
  const flow = useReactFlow();
  const canvas = useStoreApi();
  return useMemo(() => {
    const frame = (viewport: typeof readableViewport) => () => {
      const { width, height } = canvas.getState();
      const nodes = flow.getNodes();
      if (nodes.length === 0 || !(width > 0 && height > 0)) return;
      void flow.setViewport(viewport(flow.getNodesBounds(nodes), width, height), { duration: 200 });
    };
    return { fit: frame(readableViewport), fitAll: frame(wholeViewport) };
  }, [flow, canvas]);
}
