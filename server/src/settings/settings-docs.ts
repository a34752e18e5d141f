import { z } from 'zod';
import { type SettingGroup, settingGroups, settingPatterns } from './settings-catalog';

/** Where the settings reference lives, from the repository's root. */
export const settingsDocsFile = 'docs/settings.md';

interface JsonSchemaProperty {
  description?: string;
  default?: unknown;
  defaultText?: string;
  allowedText?: string;
  unit?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  type?: string;
  format?: string;
}

const bytes = ['KiB', 'MiB', 'GiB'] as const;
const durations = [
  [3_600_000, 'h'],
  [60_000, 'min'],
  [1_000, 's'],
] as const;

function withUnit(value: number, unit: string | undefined): string {
  if (unit === 'bytes') {
    let v = value;
    let name = 'bytes';
    for (const b of bytes) {
      if (v < 1024 || v % 1024 !== 0) break;
      v /= 1024;
      name = b;
    }
    return `${v.toLocaleString('en-US')} ${name}`;
  }
  if (unit === 'ms') {
    const [size, name] = durations.find(([size]) => value >= size && value % size === 0) ?? [1, 'ms'];
    return `${(value / size).toLocaleString('en-US')} ${name}`;
  }
  return unit ? `${value.toLocaleString('en-US')} ${unit}` : String(value);
}

function defaultOf(p: JsonSchemaProperty): string {
  if (p.defaultText) return p.defaultText;
  if (p.default === undefined) return '—';
  if (typeof p.default === 'number') return withUnit(p.default, p.unit);
  return `\`${String(p.default)}\``;
}

function allowedOf(p: JsonSchemaProperty): string {
  if (p.allowedText) return p.allowedText;
  if (p.enum) return p.enum.map((v) => `\`${String(v)}\``).join(', ');
  const parts: string[] = [];
  if (p.minimum !== undefined) parts.push(`≥ ${withUnit(p.minimum, p.unit)}`);
  if (p.exclusiveMinimum !== undefined) parts.push(`> ${withUnit(p.exclusiveMinimum, p.unit)}`);
  if (p.maximum !== undefined && p.maximum < Number.MAX_SAFE_INTEGER) parts.push(`≤ ${withUnit(p.maximum, p.unit)}`);
  if (parts.length > 0) return `${p.type === 'integer' ? 'whole number ' : ''}${parts.join(', ')}`;
  return p.format === 'uri' ? 'a URL' : 'text';
}

function groupTable(group: SettingGroup): string {
  const schema = z.toJSONSchema(group.schema, { io: 'input', unrepresentable: 'any' }) as {
    properties: Record<string, JsonSchemaProperty>;
  };
  const rows = Object.entries(schema.properties).map(
    ([name, p]) => `| \`${name}\` | ${defaultOf(p)} | ${allowedOf(p)} | ${p.description ?? ''} |`,
  );
  return [`## ${group.title}`, '', '| variable | default | allowed | meaning |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** docs/settings.md as the catalog gives it. */
export function settingsDocsText(): string {
  const patterns = settingPatterns.map((p) => `| \`${p.variable}\` | ${p.meaning} |`);
  return [
    '# Settings',
    '',
    '<!-- Generated from server/src/settings/settings-catalog.ts by `npx tsx server/scripts/write-settings-docs.ts`; do not edit. -->',
    '',
    'Every environment variable Causeway reads. Unset and empty variables take the default; a bad value',
    'stops the process with `SETTING_INVALID` naming each bad variable.',
    '',
    ...settingGroups.flatMap((g) => [groupTable(g), '']),
    '## By pattern',
    '',
    '| variable | meaning |',
    '| --- | --- |',
    ...patterns,
    '',
  ].join('\n');
}
