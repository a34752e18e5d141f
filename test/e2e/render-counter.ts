/**
 * Counts renders of the canvas's node cards in the production build, through the hook React calls
 * on every commit when developer tools are present (it does so in production builds too).
 * Installed before the page's scripts; read with `window.__cardRenders` (node id → renders).
 *
 * A function component that renders gets a fresh list of hook objects; one that bails out keeps
 * its old list. So a card rendered in a commit iff its first hook is not the one seen last time.
 */
export const renderCounterScript = `
(() => {
  const lastHooks = new Map();
  window.__cardRenders = {};
  const isCard = (fiber) => {
    const p = fiber.memoizedProps;
    return typeof fiber.type === 'function' && p && p.type === 'causeway' && typeof p.id === 'string' && 'positionAbsoluteX' in p;
  };
  const visit = (fiber) => {
    for (let f = fiber; f; f = f.sibling) {
      if (isCard(f)) {
        const id = f.memoizedProps.id;
        if (lastHooks.get(id) !== f.memoizedState) {
          lastHooks.set(id, f.memoizedState);
          window.__cardRenders[id] = (window.__cardRenders[id] || 0) + 1;
        }
      }
      if (f.child) visit(f.child);
    }
  };
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject() { return 1; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    onCommitFiberRoot(_id, root) { visit(root.current); },
  };
})();
`;
