import type { AnyNodeDefinition } from '@causeway/sdk';
import { emptyValueOf, formOf } from '../inspector/form-model';

/** The config a new node starts with: the schema's defaults, and empty values for required fields. */
export function initialConfig(definition: AnyNodeDefinition): Record<string, unknown> {
  const parsed = definition.config.safeParse({});
  if (parsed.success && typeof parsed.data === 'object' && parsed.data !== null) return { ...(parsed.data as Record<string, unknown>) };
  const config: Record<string, unknown> = {};
  for (const property of formOf(definition.config)) {
    if (property.key === '') continue;
    if (property.default !== undefined) config[property.key] = property.default;
    else if (property.required) config[property.key] = emptyValueOf(property.field);
  }
  return config;
}
