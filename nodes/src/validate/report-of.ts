import { type ReportCheck, type ReportValue, UserError } from '@causeway/sdk';

/**
 * A report from its checks, with a summary sentence: "All 4 checks passed." or
 * "2 of 5 checks failed: age range (2 rows out of range); …".
 */
export function reportOf(checks: ReportCheck[], subject: string): ReportValue {
  const failed = checks.filter((c) => !c.passed);
  const noun = checks.length === 1 ? 'check' : 'checks';
  const summary =
    failed.length === 0
      ? `${subject}: all ${checks.length} ${noun} passed.`
      : `${subject}: ${failed.length} of ${checks.length} ${noun} failed: ${failed.map((c) => `${c.name} (${c.message})`).join('; ')}.`;
  return { passed: failed.length === 0, checks, summary };
}

/** Fails the node with VALIDATION_FAILED when asked to and the report did not pass. */
export function stopOnFailure(report: ReportValue, stop: boolean): void {
  if (stop && !report.passed) throw new UserError('VALIDATION_FAILED', report.summary ?? 'Validation failed.', { details: { report } });
}
