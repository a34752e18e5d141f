/** The `curl` that sends `body` to an endpoint; the token is left as a variable, never written out. */
export function curlOf(origin: string, name: string, body: string): string {
  const json = body
    .replace(/\s*\n\s*/g, ' ')
    .trim()
    .replaceAll("'", `'\\''`);
  return [
    `curl -X POST '${origin}/api/endpoints/${encodeURIComponent(name)}/predict'`,
    `  -H "Authorization: Bearer $CAUSEWAY_TOKEN"`,
    `  -H 'Content-Type: application/json'`,
    `  -d '${json}'`,
  ].join(' \\\n');
}
