/** `name@version` typed by a person, split at the last `@` (a scoped name starts with one); undefined when a part is missing. */
export function parsePackageSpec(text: string): { name: string; version: string } | undefined {
  const spec = text.trim();
  const at = spec.lastIndexOf('@');
  if (at <= 0) return undefined;
  const name = spec.slice(0, at);
  const version = spec.slice(at + 1);
  return name === '@' || version === '' || name.endsWith('/') ? undefined : { name, version };
}
