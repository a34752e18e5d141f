// Worker threads cannot start from a .ts file on Node 20, even under tsx: register tsx, then import.
import { register } from 'tsx/esm/api';

register();
await import('./run-thread-main.ts');
