// `causeway` from the TypeScript sources, for tests that load TypeScript modules into it
// (`node --import tsx cli-from-sources.ts <command> …`); users run the build in server/dist.
import { runCliProcess } from '../cli/cli-process';

await runCliProcess();
