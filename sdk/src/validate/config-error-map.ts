import { z } from 'zod';

type RawIssue = z.core.$ZodRawIssue;
type AnySchema = z.core.$ZodType;

/**
 * A zod error map for node configs: plain messages a person filling the form reads under the field
 * ("Required", "Pick at least one column", "Must be less than 1") instead of zod's own ("Too small:
 * expected string to have >=1 characters"). Messages written into a schema take precedence.
 *
 * @example
 * definition.config.safeParse(config, { error: configErrorMap });
 */
export const configErrorMap: z.core.$ZodErrorMap = (issue) => plainMessage(issue as RawIssue);

function plainMessage(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Required';
      return expectedText(issue.expected);
    case 'too_small':
    case 'too_big':
      return boundText(issue);
    case 'invalid_value':
      return issue.values.length === 1
        ? `Must be ${JSON.stringify(issue.values[0])}`
        : `Choose one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'invalid_format':
      return issue.format === 'regex' ? 'Not in the expected form' : `Not a valid ${issue.format}`;
    default:
      return undefined;
  }
}

function expectedText(expected: string): string {
  switch (expected) {
    case 'number':
      return 'Enter a number';
    case 'int':
      return 'Enter a whole number';
    case 'string':
      return 'Enter text';
    case 'boolean':
      return 'Choose yes or no';
    case 'array':
      return 'Expected a list';
    default:
      return `Expected ${expected === 'object' || expected === 'record' ? 'an object' : `a ${expected}`}`;
  }
}

function boundText(issue: RawIssue & { code: 'too_small' | 'too_big' }): string | undefined {
  const small = issue.code === 'too_small';
  const limit = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'string':
      if (small && limit === 1) return 'Required';
      return `${small ? 'At least' : 'At most'} ${limit} characters`;
    case 'array':
    case 'set': {
      const columns = isColumnList(issue.schema);
      const noun = columns ? (limit === 1 ? 'column' : 'columns') : limit === 1 ? 'item' : 'items';
      if (small) return `${columns ? 'Pick' : 'Add'} at least ${limit === 1 ? 'one' : limit} ${noun}`;
      return `At most ${limit} ${noun}`;
    }
    case 'number':
    case 'int':
    case 'bigint':
      if (small) return issue.inclusive ? `Must be at least ${limit}` : `Must be more than ${limit}`;
      return issue.inclusive ? `Must be at most ${limit}` : `Must be less than ${limit}`;
    default:
      return undefined;
  }
}

const uiOf = (schema: unknown): unknown => (schema instanceof z.ZodType ? z.globalRegistry.get(schema)?.ui : undefined);

// A list whose items are columns: marked `ui: 'columns'`, or items marked `ui: 'column'`, or objects naming a column.
function isColumnList(schema: unknown): boolean {
  if (!(schema instanceof z.ZodArray)) return false;
  if (uiOf(schema) === 'columns') return true;
  const item: AnySchema = schema.element;
  if (uiOf(item) === 'column') return true;
  return item instanceof z.ZodObject && Object.values(item.shape).some((field) => uiOf(field) === 'column');
}
