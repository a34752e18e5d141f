import { fromZodIssues, UserError } from '@causeway/sdk';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from './app-env';

/** A sub-app whose zod validation failures become `REQUEST_INVALID` errors with issues. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = fromZodIssues(result.error.issues, 'REQUEST_INVALID', [result.target]);
        throw new UserError('REQUEST_INVALID', `The request ${result.target} is invalid: ${issues[0]?.message ?? ''}`, { issues });
      }
    },
  });
}
