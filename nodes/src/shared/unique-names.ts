import { z } from 'zod';

/**
 * A config field holding one or more distinct column names (at most 10,000); a name given twice is
 * reported on its own entry.
 *
 * @example
 * const config = z.object({ columns: uniqueNames('columns', 'Columns to scale.').meta({ ui: 'columns' }) });
 */
export function uniqueNames(what: string, description: string) {
  return z
    .array(z.string().min(1))
    .min(1)
    .max(10_000)
    .superRefine((names, ctx) => {
      const seen = new Set<string>();
      names.forEach((name, index) => {
        if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [index], message: `"${name}" appears twice in ${what}.` });
        seen.add(name);
      });
    })
    .describe(description);
}
