import type { Migration } from 'kysely/migration';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_runs';
import * as m0003 from './0003_models';
import * as m0004 from './0004_endpoints';
import * as m0005 from './0005_schedules';
import * as m0006 from './0006_plugins';
import * as m0007 from './0007_users';
import * as m0008 from './0008_repair_post_release_edits';
import * as m0009 from './0009_owners_and_secret_grants';
import * as m0010 from './0010_run_plugins';
import * as m0011 from './0011_model_scoring_path';
import * as m0012 from './0012_endpoint_alias';
import * as m0013 from './0013_graph_tests';
import * as m0014 from './0014_prediction_feedback';
import * as m0015 from './0015_schedule_alert_throttle';
import * as m0016 from './0016_rollouts_and_client_tokens';
import * as m0017 from './0017_plugin_grants';
import * as m0018 from './0018_schedule_graph_tests';
import * as m0019 from './0019_model_promotions';

/**
 * Every migration, in order. Listed by hand (no directory scan) so they bundle and run the same
 * under tsx, vitest and a compiled build. Append new ones; never edit or reorder.
 */
export const migrations: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_runs': m0002,
  '0003_models': m0003,
  '0004_endpoints': m0004,
  '0005_schedules': m0005,
  '0006_plugins': m0006,
  '0007_users': m0007,
  '0008_repair_post_release_edits': m0008,
  '0009_owners_and_secret_grants': m0009,
  '0010_run_plugins': m0010,
  '0011_model_scoring_path': m0011,
  '0012_endpoint_alias': m0012,
  '0013_graph_tests': m0013,
  '0014_prediction_feedback': m0014,
  '0015_schedule_alert_throttle': m0015,
  '0016_rollouts_and_client_tokens': m0016,
  '0017_plugin_grants': m0017,
  '0018_schedule_graph_tests': m0018,
  '0019_model_promotions': m0019,
};
