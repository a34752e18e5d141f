import { createContext, useContext } from 'react';
import type { ApiClient, Me } from '../api/api-client';
import type { ServerRuns } from './server-runs';

/** The server the editor talks to, who the token is, and its runs. Absent without a token. */
export interface Server {
  api: ApiClient;
  me: Me;
  runs: ServerRuns;
}

export const ServerContext = createContext<Server | undefined>(undefined);

export function useServer(): Server | undefined {
  return useContext(ServerContext);
}

/** Whether the token's role may take an action (the server decides; this only hides what would be refused). */
export function can(server: Server | undefined, action: string): boolean {
  return server?.me.actions.includes(action) ?? false;
}
