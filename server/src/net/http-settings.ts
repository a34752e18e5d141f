import { z } from 'zod';

/** The environment variable of outbound HTTP (URL sources, alert webhooks). */
export const httpSettingsSchema = z.object({
  CAUSEWAY_HTTP_ALLOW: z
    .string()
    .optional()
    .meta({ defaultText: 'none' })
    .describe('Host names, addresses or CIDR ranges (comma-separated) that URL sources and alerts may reach despite the SSRF rules.'),
});
