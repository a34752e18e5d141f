import '@xyflow/react/dist/style.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import { ApiClient } from './api/api-client';
import { takeToken } from './api/token';
import { App } from './app/App';
import { EditorStore } from './canvas/editor-store';
import { loadLocal } from './graphs/autosave';
import { emptyGraph } from './graphs/graph-file';
import { createEditorRegistry } from './registry';
import { BrowserRunner } from './runner/browser-runner';

const token = takeToken(window.location, window.history, sessionStorage);
const api = new ApiClient(window.location.origin, token);
const store = new EditorStore(loadLocal(localStorage) ?? emptyGraph(), createEditorRegistry());
const root = document.getElementById('root');
if (root) createRoot(root).render(<App editor={{ store, runner: new BrowserRunner() }} api={api} />);
