import type { Role } from '../auth/roles';

/** Who is calling: the token that authenticated the request. */
export interface Principal {
  tokenId: string;
  name: string;
  role: Role;
}

/** Hono's environment for every Causeway route. */
export interface AppEnv {
  Variables: {
    principal: Principal | undefined;
    /** The socket's peer, or the proxy's `X-Forwarded-For` entry when the proxy is trusted. */
    clientAddress: string | undefined;
  };
}
