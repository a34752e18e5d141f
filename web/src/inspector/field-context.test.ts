import type { Issue } from '@causeway/sdk';
import { describe, expect, it } from 'vitest';
import { issuesOutsideForm } from './field-context';

const issue = (path: Array<string | number>, message = 'm'): Issue => ({ code: 'CONFIG_INVALID', path, nodeId: 'load', message });

describe('issuesOutsideForm', () => {
  it('keeps node-level issues and issues on config keys the form has no field for, such as an unknown key', () => {
    const unknown = issue(['nodes', 0, 'config', 'type'], `type: unknown key "type" — did you mean 'types'?`);
    const onField = issue(['nodes', 0, 'config', 'types', 'id']);
    const nodeLevel = issue(['nodes', 0, 'config']);
    const port = { code: 'PORT_INPUT_MISSING', path: ['nodes', 0], nodeId: 'load', message: 'x' } as Issue;
    expect(issuesOutsideForm([unknown, onField, nodeLevel, port], ['file', 'types'])).toEqual([unknown, nodeLevel, port]);
  });

  it('leaves config issues to a form that is one whole-config field', () => {
    const unknown = issue(['nodes', 0, 'config', 'type']);
    expect(issuesOutsideForm([unknown], [''])).toEqual([]);
  });
});
