import type { NodeDescriptor } from '@causeway/sdk';
import { emptyValueOf, formOf } from '../inspector/form-model';

/** The config a new node starts with: the schema's defaults, and empty values for required fields. */
export function initialConfig(descriptor: NodeDescriptor): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const property of formOf(descriptor.config)) {
    if (property.key === '') continue;
    if (property.default !== undefined) config[property.key] = structuredClone(property.default);
    else if (property.required) config[property.key] = emptyValueOf(property.field);
  }
  return config;
}
