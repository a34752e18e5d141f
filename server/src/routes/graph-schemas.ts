import type { Issue } from '@causeway/sdk';
import type { GraphInfo, GraphVersion } from '../repositories/graphs-repository';

export function graphInfoJson(info: GraphInfo) {
  return { ...info, createdAt: info.createdAt.toISOString(), updatedAt: info.updatedAt.toISOString() };
}

export function versionJson(version: GraphVersion) {
  return { ...version, createdAt: version.createdAt.toISOString() };
}

export function issuesJson(issues: readonly Issue[]) {
  return issues.map((i) => ({
    code: i.code,
    path: [...i.path],
    message: i.message,
    ...(i.nodeId === undefined ? {} : { nodeId: i.nodeId }),
  }));
}
