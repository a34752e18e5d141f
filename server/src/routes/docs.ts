import { Hono } from 'hono';
import type { AppEnv } from '../http/app-env';

const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Causeway API</title>
<style>body{font:14px system-ui,sans-serif;margin:2rem;max-width:70rem}code,pre{font:12px ui-monospace,monospace}
details{border-top:1px solid #ddd;padding:.4rem 0}summary{cursor:pointer}.m{display:inline-block;width:4rem;font-weight:bold}
.a{color:#666;margin-left:1rem}pre{background:#f6f6f6;padding:.5rem;overflow:auto}</style></head>
<body><h1>Causeway API</h1><p>Token: <input id="token" size="50" placeholder="cw_…"> <button id="load">Load</button>
<a href="/api/openapi.json">openapi.json</a></p><div id="out"></div>
<script src="/api/docs/docs.js"></script></body></html>`;

// Renders the OpenAPI document with DOM calls only (no innerHTML, no CDN).
const script = `(() => {
  const q = new URLSearchParams(location.search).get('token');
  const input = document.getElementById('token');
  input.value = q || localStorage.getItem('causeway.token') || '';
  const el = (tag, text, cls) => { const e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; };
  async function load() {
    const out = document.getElementById('out');
    out.replaceChildren();
    const res = await fetch('/api/openapi.json', { headers: { Authorization: 'Bearer ' + input.value } });
    const doc = await res.json();
    if (!res.ok) { out.append(el('p', doc.code + ': ' + doc.message)); return; }
    for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
      const d = el('details'); const s = el('summary');
      s.append(el('span', method.toUpperCase(), 'm'), el('code', path), el('span', op.summary || ''), el('span', op['x-causeway-action'] || '', 'a'));
      d.append(s, el('pre', JSON.stringify({ parameters: op.parameters, requestBody: op.requestBody, responses: op.responses }, null, 2)));
      out.append(d);
    }
  }
  document.getElementById('load').addEventListener('click', load);
  if (input.value) load();
})();`;

/** `GET /api/docs`: a small static page that renders `/api/openapi.json` (fetched with the token). */
export function docsRoutes() {
  return new Hono<AppEnv>()
    .get('/', (c) => c.html(page))
    .get('/docs.js', (c) => c.body(script, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
}
