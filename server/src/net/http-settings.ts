import { z } from 'zod';

/** The environment variables of outbound HTTP (URL sources, alert webhooks, the plugin registry). */
export const httpSettingsSchema = z.object({
  CAUSEWAY_HTTP_ALLOW: z
    .string()
    .optional()
    .meta({ defaultText: 'none' })
    .describe('Host names, addresses or CIDR ranges (comma-separated) that URL sources and alerts may reach despite the SSRF rules.'),
  CAUSEWAY_PLUGIN_REGISTRY: z
    .url({ protocol: /^https?$/ })
    .default('https://registry.npmjs.org/')
    .describe('The npm registry admins install plugins from by name and version (reached under the same SSRF rules).'),
});
