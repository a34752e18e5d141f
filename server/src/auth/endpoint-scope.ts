import { UserError } from '@causeway/sdk';

/**
 * Refuses (403 `FORBIDDEN`) a token scoped to other endpoints than `endpoint`; a token without a scope
 * (null) may use every endpoint its role allows.
 */
export function checkEndpointScope(scope: readonly string[] | null, endpoint: string): void {
  if (scope === null || scope.includes(endpoint)) return;
  throw new UserError('FORBIDDEN', `This token may use only the endpoints ${scope.map((e) => `"${e}"`).join(', ')}, not "${endpoint}".`, {
    details: { endpoint, endpoints: scope },
  });
}
