import type { PluginDependents } from '@causeway/contract';
import { type Kysely, sql } from 'kysely';
import { satisfies, validRange } from 'semver';
import type { Database } from '../db/database';
import { PluginsRepository } from './plugins-repository';

/** The range a stored graph's `requires` gives `name`, read defensively (stored graphs were checked on save). */
function rangeIn(graphText: string, name: string): string | undefined {
  const requires = (JSON.parse(graphText) as { requires?: Record<string, unknown> }).requires;
  const range = requires?.[name];
  return typeof range === 'string' && validRange(range) !== null ? range : undefined;
}

/**
 * What stops working if the plugin version `name@version` goes away: the graphs whose latest
 * version, and the unpaused schedules whose graph version, `requires` a range that this enabled
 * version satisfies and no other enabled version of the plugin does.
 */
export async function pluginDependents(db: Kysely<Database>, name: string, version: string): Promise<PluginDependents> {
  const installed = await new PluginsRepository(db).installed([name]);
  if (!installed.some((plugin) => plugin.version === version && plugin.enabled)) return { graphs: [], schedules: [] };
  const others = installed.filter((plugin) => plugin.enabled && plugin.version !== version).map((plugin) => plugin.version);
  const needs = (graphText: string) => {
    const range = rangeIn(graphText, name);
    return range !== undefined && satisfies(version, range) && !others.some((other) => satisfies(other, range));
  };
  // strpos narrows to graphs that mention the plugin at all; the range is then read from the JSON.
  const [graphs, schedules] = await Promise.all([
    db
      .selectFrom('graphs')
      .innerJoin('graph_versions', (join) =>
        join.onRef('graph_versions.graph_id', '=', 'graphs.id').onRef('graph_versions.version', '=', 'graphs.latest_version'),
      )
      .select(['graphs.id', 'graph_versions.version', 'graph_versions.graph'])
      .where(sql<boolean>`strpos(graph_versions.graph, ${name}) > 0`)
      .orderBy('graphs.id')
      .execute(),
    db
      .selectFrom('schedules')
      .innerJoin('graphs', 'graphs.id', 'schedules.graph_id')
      .innerJoin('graph_versions', (join) =>
        join
          .onRef('graph_versions.graph_id', '=', 'schedules.graph_id')
          .on('graph_versions.version', '=', sql<number>`coalesce(schedules.graph_version, graphs.latest_version)`),
      )
      .select(['schedules.id', 'schedules.name', 'schedules.graph_id', 'graph_versions.graph'])
      .where('schedules.paused', '=', false)
      .where(sql<boolean>`strpos(graph_versions.graph, ${name}) > 0`)
      .orderBy('schedules.id')
      .execute(),
  ]);
  return {
    graphs: graphs.filter((row) => needs(row.graph)).map((row) => ({ id: row.id, version: row.version })),
    schedules: schedules.filter((row) => needs(row.graph)).map((row) => ({ id: Number(row.id), name: row.name, graphId: row.graph_id })),
  };
}
