/** Below this zoom, card texts are unreadable: the cards are drawn without them. */
export const farZoom = 0.4;

type Listener = () => void;
const nearListeners = new WeakMap<object, Set<Listener>>();

/**
 * Called when a canvas (keyed by its React Flow store) zooms from far to near. Cards listen to this
 * instead of the store itself: a store subscription per card would run on every frame of a pan or zoom.
 */
export function onZoomedNear(canvas: object, listener: Listener): () => void {
  let listeners = nearListeners.get(canvas);
  if (!listeners) {
    listeners = new Set();
    nearListeners.set(canvas, listeners);
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function zoomedNear(canvas: object): void {
  for (const listener of [...(nearListeners.get(canvas) ?? [])]) listener();
}
