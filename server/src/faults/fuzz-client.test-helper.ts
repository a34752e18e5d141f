/**
 * The fuzz client as a process of its own, so that timing health does not also time the client's
 * work: reads its target from CAUSEWAY_FUZZ_TARGET (JSON: baseUrl, token, operations, types,
 * graphId, numRuns, seed) and prints its FuzzReport as JSON on stdout.
 */
import { fuzzCases, type Operation } from './api-fuzz-cases';
import { fuzzApi } from './fuzz-api';

const target = JSON.parse(process.env.CAUSEWAY_FUZZ_TARGET ?? '{}') as {
  baseUrl: string;
  token: string;
  operations: Operation[];
  types: string[];
  graphId: string;
  numRuns: number;
  seed: number;
};
const report = await fuzzApi(target.baseUrl, target.token, fuzzCases(target.operations, target.types, target.graphId), {
  numRuns: target.numRuns,
  seed: target.seed,
});
process.stdout.write(JSON.stringify(report));
