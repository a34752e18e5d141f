import type { LoadedModel, ModelRegistered, ModelRegistryClient, PromotionResult, ScoringPath } from '@causeway/sdk';
import { z } from 'zod';
import type { HostCall } from '../runs/host-calls-client';

const registered = z.object({ name: z.string(), version: z.number().int(), created: z.boolean() });
const promoted = z.object({
  name: z.string(),
  version: z.number().int(),
  mode: z.enum(['production', 'canary', 'approval']),
  status: z.enum(['pending', 'approved', 'rejected', 'applied']),
  created: z.boolean(),
});
const loaded = z.object({
  name: z.string(),
  version: z.number().int(),
  onnx: z.instanceof(Uint8Array),
  card: z.unknown(),
  // Checked when the main side stored it; the steps are parsed again by their node types before use.
  scoringPath: z.custom<ScoringPath>((v) => typeof v === 'object' && v !== null).optional(),
});

/**
 * `ctx.models` inside a run thread: each call goes to the main side's model registry as a host call.
 * The ONNX bytes sent are copied (the model value stays usable downstream); those received were transferred.
 */
export function modelRegistryOverHostCalls(call: HostCall): ModelRegistryClient {
  return {
    register: async (request): Promise<ModelRegistered> => registered.parse(await call('models', 'register', [request])),
    load: async (name, selector): Promise<LoadedModel> => loaded.parse(await call('models', 'load', [name, selector])) as LoadedModel,
    promote: async (request): Promise<PromotionResult> => promoted.parse(await call('models', 'promote', [request])),
  };
}
