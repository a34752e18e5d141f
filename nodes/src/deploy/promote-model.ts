import { defineNode, port } from '@causeway/sdk';
import { z } from 'zod';

const registered = z.object({ name: z.string(), version: z.number().int(), created: z.boolean() });
const promotion = z.object({
  name: z.string(),
  version: z.number().int(),
  mode: z.enum(['production', 'canary', 'approval']),
  status: z.enum(['pending', 'approved', 'rejected', 'applied']),
  created: z.boolean(),
});

/**
 * `deploy.promote-model`: promotes the version a register node just registered, under a policy:
 * straight to production, on canary on an endpoint (its policy promotes it later, or ends it), or into
 * a pending approval that ops approve or reject on the Models page. The registry refuses a version whose
 * gate did not pass. Once per schedule occurrence (or run): a retry, or a second scheduler firing the
 * same occurrence, answers with the first promotion and never promotes twice.
 */
export const promoteModel = defineNode({
  type: 'deploy.promote-model',
  version: 1,
  category: 'deploy',
  title: 'Promote model',
  description: 'Promote the version just registered: to production, on canary on an endpoint, or after an ops approval.',
  runtime: 'server',
  effects: true,
  inputs: { registered: port.value(registered, { description: 'The register node’s output: the model and version.' }) },
  outputs: { promotion: port.value(promotion, { description: 'The promotion asked for and where it stands.' }) },
  config: z.object({
    mode: z
      .enum(['approval', 'canary', 'production'])
      .default('approval')
      .describe('approval: wait for ops on the Models page; canary: run it beside production on an endpoint; production: promote at once.'),
    endpoint: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/, 'an endpoint name: a letter or digit, then letters, digits, _ . -')
      .optional()
      .describe('The endpoint a canary runs on (canary mode).'),
    percent: z.number().int().min(1).max(99).default(10).describe('The canary’s share of traffic, in percent.'),
    durationMinutes: z
      .number()
      .int()
      .min(1)
      .max(43_200)
      .default(60)
      .describe('After this long the canary policy promotes the canary if it is not worse, or ends it.'),
    minRequests: z.number().int().min(1).default(100).describe('The canary policy decides only after this many requests to the canary.'),
  }),
  infer: ({ config, issue }) => {
    if (config.mode === 'canary' && config.endpoint === undefined) {
      issue('A canary needs the endpoint to run on.', ['endpoint'], 'CONFIG_INVALID');
    }
    return {};
  },
  run: async ({ inputs, config, ctx }) => {
    const { name, version } = inputs.registered;
    const result = await ctx.models.promote({
      name,
      version,
      mode: config.mode,
      ...(config.mode === 'canary'
        ? {
            endpoint: config.endpoint,
            percent: config.percent,
            policy: { durationMinutes: config.durationMinutes, minRequests: config.minRequests },
          }
        : {}),
      idempotencyKey: ctx.idempotencyKey ?? ctx.nodeId,
    });
    const done: Record<typeof result.status, string> = {
      applied: result.mode === 'canary' ? `is on canary on "${config.endpoint}"` : 'is in production',
      pending: 'waits for an ops approval on the Models page',
      approved: 'was approved',
      rejected: 'was rejected',
    };
    const who = result.created ? '' : ' (asked earlier for this occurrence)';
    ctx.log('info', `"${result.name}" version ${result.version} ${done[result.status]}${who}.`);
    return { promotion: result };
  },
});
