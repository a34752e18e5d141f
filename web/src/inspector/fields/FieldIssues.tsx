import type { Issue } from '@causeway/sdk';
import { fieldMessage } from '../field-context';

/** The validation messages of one field, linked to its input by id. */
export function FieldIssues({ id, issues }: { id: string; issues: readonly Issue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul className="field-issues" id={`${id}-issues`}>
      {issues.map((issue) => (
        <li key={`${issue.code}:${issue.message}`}>{fieldMessage(issue)}</li>
      ))}
    </ul>
  );
}

/** ARIA attributes that tie an input to its issues and description. */
export function describedBy(id: string, issues: readonly Issue[], description: string | undefined) {
  const ids = [issues.length > 0 ? `${id}-issues` : '', description ? `${id}-help` : ''].filter(Boolean).join(' ');
  return { 'aria-invalid': issues.length > 0, ...(ids ? { 'aria-describedby': ids } : {}) };
}
