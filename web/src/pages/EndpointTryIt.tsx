import { predictBody } from '@causeway/contract';
import { useState } from 'react';
import { endpointsApi, type PredictAnswer } from '../api/endpoints-api';
import type { Server } from '../app/server-context';
import { curlOf } from './curl-of';
import { useAction } from './use-resource';

/** Scores rows (the input example to start) against the endpoint, and shows the same request as `curl`. */
export function EndpointTryIt({ server, name, example }: { server: Server; name: string; example: Record<string, unknown> }) {
  const [body, setBody] = useState(() => JSON.stringify({ rows: [example] }, null, 2));
  const [answer, setAnswer] = useState<PredictAnswer | undefined>();
  const [copied, setCopied] = useState<string | undefined>();
  const action = useAction(() => {});
  const curl = curlOf(window.location.origin, name, body);
  const send = () =>
    action.run(async () => {
      setAnswer(undefined);
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        throw new Error('The request is not valid JSON.');
      }
      const request = predictBody.safeParse(json);
      if (!request.success) throw new Error('The request needs "rows" (a list of objects) or "columns" (lists of values by field).');
      setAnswer(await endpointsApi.predict(server.api, name, request.data));
    });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(curl);
      setCopied('Copied.');
    } catch {
      setCopied('The browser refused the clipboard: select the command and copy it.');
    }
  };
  return (
    <section className="try-it" aria-label="Try it">
      <h3>Try it</h3>
      <label>
        Request (JSON)
        <textarea className="mono" rows={8} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <div className="row-actions">
        <button type="button" className="primary" disabled={action.busy} onClick={() => void send()}>
          Send
        </button>
        <button type="button" onClick={() => void copy()}>
          Copy as curl
        </button>
        {copied && <span role="status">{copied}</span>}
      </div>
      {action.error && (
        <p className="page-error" role="alert">
          {action.error}
        </p>
      )}
      {answer && (
        <pre className="mono" data-testid="predict-answer">
          {JSON.stringify(answer, null, 2)}
        </pre>
      )}
      <h4>As curl</h4>
      <pre className="mono curl" data-testid="curl">
        {curl}
      </pre>
    </section>
  );
}
