import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { settingGroups, settingPatterns } from './settings-catalog';
import { settingsDocsFile, settingsDocsText } from './settings-docs';

const root = fileURLToPath(new URL('../../../', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'test-support' ? [] : sourceFiles(path);
    return /\.(ts|mjs)$/.test(entry.name) && !/\.test(-helper)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe('docs/settings.md', () => {
  it('is committed as the catalog writes it (run `npx tsx server/scripts/write-settings-docs.ts` after changing a setting)', () => {
    expect(readFileSync(join(root, settingsDocsFile), 'utf8')).toBe(settingsDocsText());
  });

  it('describes every variable the server, its workers and the CLI read', () => {
    const declared = new Set(settingGroups.flatMap((g) => Object.keys(g.schema.shape)));
    const patterns = settingPatterns.map((p) => p.variable.replace('<NAME>', ''));
    const undeclared: string[] = [];
    for (const file of sourceFiles(join(root, 'server/src'))) {
      for (const [name] of readFileSync(file, 'utf8').matchAll(/\bCAUSEWAY_[A-Z0-9_]*[A-Z0-9]\b/g)) {
        if (!declared.has(name) && !patterns.some((p) => name.startsWith(p))) undeclared.push(`${name} in ${relative(root, file)}`);
      }
    }
    expect(undeclared).toEqual([]);
    for (const group of settingGroups) {
      for (const [name, field] of Object.entries(group.schema.shape)) expect(field.description, name).toBeTruthy();
    }
  });
});
