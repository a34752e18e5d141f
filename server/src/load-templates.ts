import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJsonSafely } from '@causeway/sdk';
import { parseGraphBody } from './graphs/parse-graph-body';
import type { Services } from './http/services';
import { messageOf } from './message-of';

/** How a template's first version is marked, so the templates route can tell templates from user graphs. */
export const templateMark = { author: 'causeway', message: 'template' } as const;

/** Saves each `*.json` graph (tests files `*.tests.json` aside) in the first existing folder as a graph, unless one with its id exists. */
export async function loadTemplates(services: Services, folders: string[]): Promise<string[]> {
  for (const folder of folders) {
    let names: string[];
    try {
      names = (await readdir(folder)).filter((name) => name.endsWith('.json') && !name.endsWith('.tests.json')).sort();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        services.logger.warn('templates folder unreadable', { folder, error: messageOf(error) });
      continue;
    }
    const loaded: string[] = [];
    for (const name of names) {
      const parsed = parseJsonSafely(await readFile(join(folder, name), 'utf8'));
      if (!parsed.ok) {
        services.logger.warn('template skipped', { file: name, issue: parsed.issues[0]?.message });
        continue;
      }
      try {
        // Checked before the graph is validated: a restart finds every template saved already.
        const id = (parsed.value as { id?: unknown } | null)?.id;
        if (typeof id === 'string' && (await services.graphs.get(id)) !== undefined) continue;
        const accepted = parseGraphBody(parsed.value, services.registry);
        if ((await services.graphs.get(accepted.graph.id)) !== undefined) continue;
        await services.graphs.create({
          id: accepted.graph.id,
          name: accepted.graph.name,
          graph: accepted.text,
          author: templateMark.author,
          shared: true,
          message: templateMark.message,
        });
        loaded.push(accepted.graph.id);
      } catch (error) {
        services.logger.warn('template skipped', { file: name, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return loaded;
  }
  return [];
}
