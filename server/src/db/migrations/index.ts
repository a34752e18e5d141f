import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_runs';

/**
 * Every migration, in order. Listed by hand (no directory scan) so they bundle and run the same
 * under tsx, vitest and a compiled build. Append new ones; never edit or reorder.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_runs': m0002,
};
