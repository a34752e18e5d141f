import { expect, it } from 'vitest';
import { curlOf } from './curl-of';

it('writes the request as one shell-safe curl, with the token as a variable', () => {
  const body = JSON.stringify({ rows: [{ plan: "it's plus", age: 4 }] }, null, 2);
  const curl = curlOf('https://cw.example', 'churn v2', body);
  expect(curl).toBe(
    [
      "curl -X POST 'https://cw.example/api/endpoints/churn%20v2/predict' \\",
      '  -H "Authorization: Bearer $CAUSEWAY_TOKEN" \\',
      "  -H 'Content-Type: application/json' \\",
      `  -d '{ "rows": [ { "plan": "it'\\''s plus", "age": 4 } ] }'`,
    ].join('\n'),
  );
});
