import { z } from 'zod';
import { listOf } from './common';

// The scoped name arrives URL-encoded in one segment: `%40causeway%2Fplugin-text`.
export const pluginParams = z.object({
  name: z.string().min(1).max(214).meta({ example: '%40causeway%2Fplugin-text' }),
  version: z.string().min(1).max(256).meta({ example: '1.0.0' }),
});

/** An installed plugin version. */
export const pluginSchema = z
  .object({
    name: z.string(),
    version: z.string(),
    enabled: z.boolean(),
    sha256: z.string(),
    apiVersion: z.number(),
    installedBy: z.string(),
    installedAt: z.string(),
    nodes: z.array(z.object({ type: z.string(), version: z.number(), title: z.string() })),
  })
  .meta({ id: 'Plugin' });
export const pluginList = listOf(pluginSchema);
/** A plugin version's manifest (causeway-plugin.json). */
export const pluginManifestAnswer = z.record(z.string(), z.unknown());
