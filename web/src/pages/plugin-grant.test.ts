import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { askedCapabilities, describeCapabilities } from './plugin-grant';

describe('askedCapabilities', () => {
  it('reads what a refused install asks for from PLUGIN_CAPABILITY_DENIED', () => {
    const error = new ApiError(400, 'PLUGIN_CAPABILITY_DENIED', 'not granted', {
      plugin: '@acme/weather',
      version: '1.0.0',
      field: 'capabilities.network',
      capabilities: { network: ['api.example.com'], secrets: ['API_KEY'] },
    });
    expect(askedCapabilities(error)).toEqual({
      plugin: '@acme/weather',
      version: '1.0.0',
      network: ['api.example.com'],
      secrets: ['API_KEY'],
    });
  });

  it('leaves every other error alone', () => {
    expect(askedCapabilities(new ApiError(400, 'PLUGIN_GRANT_INVALID', 'extra', { capabilities: { network: ['a.example.com'] } }))).toBe(
      undefined,
    );
    expect(askedCapabilities(new Error('PLUGIN_CAPABILITY_DENIED'))).toBe(undefined);
    expect(askedCapabilities(new ApiError(400, 'PLUGIN_CAPABILITY_DENIED', 'x', null))).toBe(undefined);
  });

  it('describes capabilities for people', () => {
    expect(describeCapabilities({ network: ['a.example.com', 'b.example.com'], secrets: ['K'] })).toBe(
      'hosts a.example.com, b.example.com; secrets K',
    );
    expect(describeCapabilities({ network: [], secrets: [] })).toBe('nothing');
  });
});
