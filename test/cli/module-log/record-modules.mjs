// Loaded with `node --import`: appends the URL of every module the process loads to $CAUSEWAY_MODULE_LOG.
import { register } from 'node:module';

register('./record-modules-hooks.mjs', import.meta.url, { data: { log: process.env.CAUSEWAY_MODULE_LOG } });
