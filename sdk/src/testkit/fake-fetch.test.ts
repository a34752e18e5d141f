import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineNode } from '../node/define-node';
import { port } from '../ports/port';
import { fakeFetch } from './fake-fetch';
import { runNode } from './run-node';

const forecast = defineNode({
  type: '@acme/causeway-weather/forecast',
  version: 1,
  category: 'plugin',
  title: 'Forecast',
  description: 'Asks a weather service.',
  inputs: {},
  outputs: { temperature: port.value(z.number()) },
  config: z.object({ host: z.string().default('api.example.com'), secret: z.string().default('API_KEY') }),
  run: async ({ config, ctx }) => {
    const reply = await (ctx.fetch as NonNullable<typeof ctx.fetch>)(`https://${config.host}/v1/now`, {
      headers: { authorization: { secret: config.secret, format: 'Bearer {}' } },
    });
    return { temperature: (reply.json() as { temperature: number }).temperature };
  },
});

describe('fakeFetch', () => {
  const grant = { network: ['api.example.com'], secrets: ['API_KEY'] };

  it('plays the service for a node and records its requests, secrets by name', async () => {
    const fetch = fakeFetch(() => ({ body: { temperature: 21 } }), grant);
    const { outputs } = await runNode(forecast, { inputs: {}, config: {}, fetch });
    expect(outputs.temperature).toBe(21);
    expect(fetch.calls).toEqual([
      { url: 'https://api.example.com/v1/now', init: { headers: { authorization: { secret: 'API_KEY', format: 'Bearer {}' } } } },
    ]);
  });

  it('refuses hosts and secrets outside the grant, as the server does', async () => {
    const fetch = fakeFetch(() => ({ body: { temperature: 21 } }), grant);
    await expect(runNode(forecast, { inputs: {}, config: { host: 'evil.example.com' }, fetch })).rejects.toMatchObject({
      code: 'PLUGIN_HOST_DENIED',
    });
    await expect(runNode(forecast, { inputs: {}, config: { secret: 'OTHER' }, fetch })).rejects.toMatchObject({
      code: 'PLUGIN_SECRET_DENIED',
    });
    expect(fetch.calls).toEqual([]);
  });
});
