export { type ErrorCode, errorCatalog, helpUrl } from './catalog';
export { CausewayError, InternalError, isUserFacing, NodeRunError, UserError } from './errors';
export { formatIssue, formatPath, type Issue, type IssuePath, type Result } from './issue';
export { fromZodIssues } from './zod-issues';
