// The editor's runner frame. The page embeds it sandboxed without allow-same-origin, so its origin is
// opaque and Chromium gives it a renderer process of its own: node code that exhausts memory ends that
// process, not the page's. It starts the runner worker, hands it the page's MessagePort, forwards the
// worker's uncaught errors and beats every 250 ms, so the page notices within seconds when it is gone.
// The worker is a classic worker from a blob (a worker's script must share the frame's opaque origin)
// that imports the built worker module by URL; the server lets any origin load those public scripts.
(() => {
  let worker;
  const tell = (message) => parent.postMessage(message, '*');
  addEventListener('message', (event) => {
    const data = event.data;
    if (worker || event.source !== parent || !data || data.type !== 'causeway:runner') return;
    if (typeof data.workerUrl !== 'string' || !/^https?:\/\//.test(data.workerUrl) || !event.ports[0]) return;
    const url = JSON.stringify(data.workerUrl);
    const start = `import(${url}).catch((e) => { setTimeout(() => { throw new Error('The runner worker could not load: ' + e.message); }); });`;
    worker = new Worker(URL.createObjectURL(new Blob([start], { type: 'text/javascript' })), { name: 'causeway-runner' });
    worker.addEventListener('error', (e) => tell({ type: 'causeway:worker-error', message: e.message || 'The runner worker stopped.' }));
    // The port goes over once the worker's module has loaded and listens (a message before is lost).
    const port = event.ports[0];
    worker.addEventListener('message', function ready(answer) {
      if (answer.data?.type !== 'causeway:worker-ready') return;
      worker.removeEventListener('message', ready);
      worker.postMessage({ type: 'causeway:connect' }, [port]);
    });
  });
  setInterval(() => tell({ type: 'causeway:beat' }), 250);
  tell({ type: 'causeway:ready' });
})();
