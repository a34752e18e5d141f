import '@xyflow/react/dist/style.css';
import './styles.css';
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
// The worker holds the node code; it starts at once and describes the node types the page draws.
const runner = new BrowserRunner();
const catalog = runner.start({ origin: window.location.origin, token });
const root = document.getElementById('root');
if (root) {
  const view = createRoot(root);
  catalog.then(
    (message) => {
      // The editor benchmark reads these marks to split opening time between the worker and the page.
      performance.mark('causeway:catalog');
      const store = new EditorStore(loadLocal(localStorage) ?? emptyGraph(), new EditorCatalog(message), { analyzer: runner.analyze });
      const problems = [message.notice, ...message.plugins.flatMap((p) => (p.error ? [`Plugin ${p.name} ${p.version}: ${p.error}`] : []))];
      const notice = problems.filter(Boolean).join(' ');
      if (notice) store.notify(notice);
      performance.mark('causeway:store');
      view.render(<App editor={{ store, runner }} api={api} />);
    },
    (error: unknown) => {
      root.textContent = `The editor could not start its worker: ${error instanceof Error ? error.message : String(error)}`;
    },
  );
}
