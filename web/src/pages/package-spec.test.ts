import { describe, expect, it } from 'vitest';
import { parsePackageSpec } from './package-spec';

describe('parsePackageSpec', () => {
  it('splits plain and scoped names at the last @', () => {
    expect(parsePackageSpec(' causeway-plugin-x@1.2.0 ')).toEqual({ name: 'causeway-plugin-x', version: '1.2.0' });
    expect(parsePackageSpec('@causeway/plugin-text@1.0.0-beta.1')).toEqual({ name: '@causeway/plugin-text', version: '1.0.0-beta.1' });
  });

  it('refuses text without a name or a version', () => {
    for (const text of ['', 'plugin', '@causeway/plugin-text', 'plugin@', '@1.0.0', '@scope/@1.0.0']) {
      expect(parsePackageSpec(text), text).toBeUndefined();
    }
  });
});
