/** Whether a database error is a unique-key violation (SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';
}

/**
 * Whether a database error says a row is still referenced: a foreign-key violation (23503) or, as
 * PostgreSQL 18 reports an `ON DELETE RESTRICT` key, a restrict violation (23001).
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  return code === '23503' || code === '23001';
}
