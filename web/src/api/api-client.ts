import {
  createdGraph,
  graphDiffAnswer,
  graphInfoSchema,
  graphPage,
  graphVersionList,
  graphVersionWithDocument,
  graphWithDocument,
  me,
  type renameGraphBody,
  savedGraphVersion,
  type saveGraphBody,
  type saveGraphVersionBody,
  templateList,
} from '@causeway/contract';
import type { Graph, Issue } from '@causeway/sdk';
import type { z } from 'zod';
import { ApiError } from './api-error';
import { parseAnswer } from './parse-answer';

export type { GraphDiffAnswer, GraphInfo, GraphVersionInfo, Me, TemplateInfo } from '@causeway/contract';
export { ApiError } from './api-error';

/** The `ApiError` an error response stands for. */
export function errorOf(response: Response, json: unknown, text: string): ApiError {
  const error = (json ?? {}) as { code?: string; message?: string; details?: unknown };
  return new ApiError(
    response.status,
    error.code ?? `HTTP_${response.status}`,
    error.message ?? (text.slice(0, 200) || response.statusText),
    error.details,
  );
}

/** Reads an error response's body into its `ApiError`. */
export async function readError(response: Response): Promise<ApiError> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return errorOf(response, json, text);
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

/** The server's graph API, in one place so it is easy to adjust. Every call sends the bearer token. */
export class ApiClient {
  readonly #base: string;
  readonly #token: string | undefined;
  readonly #fetch: Fetch;
  #onUnauthorized: (() => void) | undefined;

  constructor(base: string, token: string | undefined, fetchImpl: Fetch = (input, init) => fetch(input, init)) {
    this.#base = base.replace(/\/$/, '');
    this.#token = token;
    this.#fetch = fetchImpl;
  }

  get hasToken(): boolean {
    return this.#token !== undefined;
  }

  /** Called when the server answers 401 to the token (a session expired or was ended): the editor asks to sign in again. */
  onUnauthorized(listener: (() => void) | undefined): void {
    this.#onUnauthorized = listener;
  }

  /**
   * A request with the bearer token; the response as it came (bodies still unread), for streams and
   * binary pages. A network failure becomes `ApiError` code `NETWORK`; HTTP errors are the caller's.
   */
  async fetchRaw(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string | Blob; signal?: AbortSignal } = {},
  ) {
    const headers: Record<string, string> = { ...init.headers };
    if (this.#token) headers.authorization = `Bearer ${this.#token}`;
    try {
      const response = await this.#fetch(`${this.#base}${path}`, { ...init, headers });
      if (response.status === 401 && this.#token) this.#onUnauthorized?.();
      return response;
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      throw new ApiError(
        0,
        'NETWORK',
        `The server cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`,
        undefined,
      );
    }
  }

  /**
   * A JSON request whose answer is parsed with its contract schema (`answer`): error bodies become
   * `ApiError` with the catalog code, answers of another shape `ApiError` code `UNEXPECTED_ANSWER`.
   */
  async request<S extends z.ZodType>(method: string, path: string, answer: S, body?: unknown): Promise<z.output<S>> {
    const { response, json } = await this.#exchange(method, path, body);
    return parseAnswer(answer, json, `${method} ${path}`, response.status);
  }

  /** A JSON request answered with no content (204). */
  async send(method: string, path: string, body?: unknown): Promise<void> {
    await this.#exchange(method, path, body);
  }

  async #exchange(method: string, path: string, body: unknown): Promise<{ response: Response; json: unknown }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await this.fetchRaw(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (response.status === 204) return { response, json: undefined };
    const text = await response.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) throw errorOf(response, json, text);
    return { response, json };
  }

  listGraphs(query: { q?: string; limit?: number; offset?: number } = {}) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') params.set(k, String(v));
    const qs = params.toString();
    return this.request('GET', `/api/graphs${qs ? `?${qs}` : ''}`, graphPage);
  }

  createGraph(graph: Graph, message = '') {
    const body: z.input<typeof saveGraphBody> = { graph, message };
    return this.request('POST', '/api/graphs', createdGraph, body);
  }

  getGraph(id: string) {
    return this.request('GET', `/api/graphs/${encodeURIComponent(id)}`, graphWithDocument);
  }

  renameGraph(id: string, name: string) {
    const body: z.input<typeof renameGraphBody> = { name };
    return this.request('PATCH', `/api/graphs/${encodeURIComponent(id)}`, graphInfoSchema, body);
  }

  deleteGraph(id: string) {
    return this.send('DELETE', `/api/graphs/${encodeURIComponent(id)}`);
  }

  /** A new version; with `baseVersion`, 409 `GRAPH_VERSION_CONFLICT` when someone saved after it. */
  saveVersion(id: string, graph: Graph, message: string, baseVersion?: number) {
    const body: z.input<typeof saveGraphVersionBody> = { graph, message, ...(baseVersion === undefined ? {} : { baseVersion }) };
    return this.request('POST', `/api/graphs/${encodeURIComponent(id)}/versions`, savedGraphVersion, body);
  }

  listVersions(id: string) {
    return this.request('GET', `/api/graphs/${encodeURIComponent(id)}/versions`, graphVersionList);
  }

  getVersion(id: string, version: number) {
    return this.request('GET', `/api/graphs/${encodeURIComponent(id)}/versions/${version}`, graphVersionWithDocument);
  }

  diff(id: string, from: number, to: number) {
    return this.request('GET', `/api/graphs/${encodeURIComponent(id)}/diff?from=${from}&to=${to}`, graphDiffAnswer);
  }

  me() {
    return this.request('GET', '/api/auth/me', me);
  }

  listTemplates() {
    return this.request('GET', '/api/templates', templateList);
  }

  /**
   * Saves a graph: a new version when it exists on the server and differs from its latest version
   * (else that version, `unchanged`), or version 1. `baseVersion` is the version the edit started
   * from: a newer latest version fails with `GRAPH_VERSION_CONFLICT` instead of being overwritten.
   */
  async save(graph: Graph, message: string, baseVersion?: number): Promise<{ version: number; issues: Issue[]; unchanged: boolean }> {
    try {
      const saved = await this.saveVersion(graph.id, graph, message, baseVersion);
      return { version: saved.version, issues: saved.issues, unchanged: saved.unchanged };
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 404) throw error;
      const created = await this.createGraph(graph, message);
      return { version: created.latestVersion, issues: created.issues, unchanged: false };
    }
  }
}
