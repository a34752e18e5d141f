import type { Role } from '../auth/roles';

/** Who is calling: the token that authenticated the request. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
  /** The endpoints the token is scoped to; null: every endpoint its role may use. */
  endpoints: readonly string[] | null;
}

/** Hono's environment for every Causeway route. */
export interface AppEnv {
  Variables: {
    principal: Principal | undefined;
    /** The socket's peer, or the proxy's `X-Forwarded-For` entry when the proxy is trusted. */
    clientAddress: string | undefined;
  };
}
