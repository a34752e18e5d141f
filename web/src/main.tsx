import '@xyflow/react/dist/style.css';
import './styles/index.css';
import builtinNodes from 'virtual:causeway/builtin-catalog';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/api-client';
import { takeToken } from './api/token';
import { App } from './app/App';
import { EditorStore } from './canvas/editor-store';
import { loadLocal } from './graphs/autosave';
import { emptyGraph } from './graphs/graph-file';
import { EditorCatalog } from './registry';
import { BrowserRunner } from './runner/browser-runner';

const token = takeToken(window.location, window.history, sessionStorage);
const api = new ApiClient(window.location.origin, token);
// The worker holds the node code; it starts at once and later describes the plugins' node types too.
const runner = new BrowserRunner();
const catalog = runner.start({ origin: window.location.origin, token });
const root = document.getElementById('root');
if (root) {
  // The built-in node types come with the page (described at build time), so it draws before the worker is ready.
  const store = new EditorStore(loadLocal(localStorage) ?? emptyGraph(), new EditorCatalog({ nodes: builtinNodes, plugins: [] }), {
    analyzer: runner.analyze,
  });
  // The editor benchmark reads these marks to split opening time between the page and the worker.
  performance.mark('causeway:store');
  createRoot(root).render(<App editor={{ store, runner }} api={api} />);
  catalog.then(
    (message) => {
      performance.mark('causeway:catalog');
      // Without plugins the worker's node types are the page's own built-ins: nothing to redraw.
      if (message.plugins.length > 0) store.setCatalog(new EditorCatalog(message));
      const problems = [message.notice, ...message.plugins.flatMap((p) => (p.error ? [`Plugin ${p.name} ${p.version}: ${p.error}`] : []))];
      const notice = problems.filter(Boolean).join(' ');
      if (notice) store.notify(notice);
    },
    (error: unknown) => store.notify(`The editor could not start its worker: ${error instanceof Error ? error.message : String(error)}`),
  );
}
