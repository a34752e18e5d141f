import { z } from 'zod';
import { integerParam } from './common';

/** The most outcomes one feedback request may carry. */
export const maxOutcomesPerRequest = 10_000;

const instant = z.iso.datetime({ offset: true });

/** Outcomes of predictions, by the prediction's id: the predict answer's `requestId` and the row (0-based). */
export const feedbackBody = z
  .object({
    outcomes: z
      .array(
        z
          .object({
            requestId: z.string().min(1).max(200).describe('`requestId` of the predict answer.'),
            row: z.number().int().min(0).max(1_000_000).default(0).describe('The row in that request (0-based).'),
            outcome: z.union([z.string().max(1_000), z.number(), z.boolean()]).describe('What really happened: the class, or the number.'),
          })
          .strict(),
      )
      .min(1)
      .max(maxOutcomesPerRequest),
  })
  .strict();

export const feedbackReceipt = z
  .object({
    received: z.number(),
    stored: z.number().describe('New outcomes stored.'),
    duplicates: z.number().describe('Outcomes for ids already answered (the first outcome sent is kept).'),
    matched: z.number().describe('Outcomes matched with a logged prediction and counted in the live metrics now.'),
    pending: z.number().describe('Stored outcomes whose prediction is not logged (yet): matched when it is, within a day.'),
  })
  .meta({ id: 'FeedbackReceipt' });

export const liveMetricsQuery = z.object({
  period: z.enum(['hour', 'day']).default('hour'),
  since: instant.optional().describe('Start (ISO 8601); default: 7 days ago.'),
  until: instant.optional(),
  version: integerParam(1, 2_147_483_647).optional(),
});

const metricValues = {
  count: z.number().describe('Predictions with an outcome.'),
  accuracy: z.number().optional(),
  auc: z.number().nullable().optional().describe('Binary classifiers; null until both classes were seen.'),
  logLoss: z.number().optional(),
  rmse: z.number().optional(),
  mae: z.number().optional(),
};

export const liveMetricsAnswer = z
  .object({
    endpoint: z.string(),
    period: z.enum(['hour', 'day']),
    items: z.array(z.object({ version: z.number(), start: z.string(), ...metricValues })).describe('Oldest first.'),
    versions: z.array(z.object({ version: z.number(), ...metricValues })).describe('Each version over the whole window.'),
  })
  .meta({ id: 'LiveMetrics' });

export const requestLogQuery = z.object({
  limit: integerParam(1, 1_000).default(100),
  before: integerParam(1, Number.MAX_SAFE_INTEGER).optional().describe('Paging: the `next` of the previous page.'),
  version: integerParam(1, 2_147_483_647).optional(),
  role: z.enum(['answer', 'shadow']).optional(),
  requestId: z.string().max(200).optional(),
  since: instant.optional(),
  until: instant.optional(),
});

export const requestLogPage = z
  .object({
    items: z.array(
      z.object({
        id: z.number(),
        requestId: z.string(),
        row: z.number().nullable(),
        role: z.string(),
        version: z.number(),
        at: z.string(),
        input: z.record(z.string(), z.unknown()),
        output: z.record(z.string(), z.unknown()),
        outcome: z.unknown().optional().describe('The outcome sent as feedback, if any.'),
      }),
    ),
    next: z.number().nullable().describe('Pass as `before` for the next (older) page; null at the end.'),
  })
  .meta({ id: 'RequestLogPage' });
