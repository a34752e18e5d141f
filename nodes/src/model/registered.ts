import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';
import { modelValueOf } from '../deploy/loaded-model';

/**
 * `model.registered`: a version from the server's model registry as a model value, e.g. to compare
 * live data with the training statistics in its card, or to score with it in a graph.
 */
export const registeredModel = defineNode({
  type: 'model.registered',
  version: 1,
  category: 'model',
  title: 'Registered model',
  description: 'Loads a version from the model registry (server only): by number, or the one in production or staging, or the latest.',
  inputs: {},
  outputs: { model: port.model() },
  config: z.object({
    model: z.string().min(1).max(128).describe('The registered model’s name.'),
    version: z
      .union([z.enum(['production', 'staging', 'latest']), z.number().int().min(1)])
      .default('production')
      .describe('A version number, or the version in production or staging, or the latest.')
      .meta({ ui: 'version', of: 'model' }),
  }),
  runtime: 'server',
  // Stages move between runs: look the version up every time.
  cache: 'volatile',
  infer: () => ({}),
  run: async ({ config, ctx }) => {
    const loaded = await ctx.models.load(config.model, config.version);
    ctx.log('info', `Loaded "${loaded.name}" version ${loaded.version}.`);
    return { model: modelValueOf(loaded) };
  },
});
