import { z } from 'zod';

/** The start of the `node:log` line in which a pushed chain reports where its nodes ran. */
export const pushdownLogPrefix = 'pushdown ';

/**
 * What follows {@link pushdownLogPrefix}: each node of a `source.postgres` chain and where it ran,
 * the SQL sent (parameters as `$n`), and why the chain stopped before its end (or null).
 *
 * @example
 * const report = pushdownReportOf(event.message); if (report) console.log(report.sql);
 */
export const pushdownReportSchema = z.object({
  placements: z.array(z.object({ nodeId: z.string(), where: z.enum(['postgres', 'memory']) })),
  sql: z.string(),
  reason: z.string().nullable(),
});
export type PushdownReport = z.infer<typeof pushdownReportSchema>;

/** The report in a log message, or undefined for any other message. */
export function pushdownReportOf(message: string): PushdownReport | undefined {
  if (!message.startsWith(pushdownLogPrefix)) return undefined;
  try {
    const parsed = pushdownReportSchema.safeParse(JSON.parse(message.slice(pushdownLogPrefix.length)));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
