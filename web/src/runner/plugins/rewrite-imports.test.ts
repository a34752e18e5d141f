import { describe, expect, it } from 'vitest';
import { rewriteImports } from './rewrite-imports';

const targets = { '@causeway/sdk': 'http://host/assets/host-sdk.js', 'apache-arrow': 'http://host/assets/host-arrow.js' };

describe('rewriteImports', () => {
  it('points the SDK and Arrow imports, static and literal dynamic, at the host URLs and leaves the rest alone', () => {
    const source = [
      `import { defineNode, port } from "@causeway/sdk";`,
      `import * as arrow from 'apache-arrow';`,
      `export { tableFromArrays } from "apache-arrow";`,
      `const later = () => import('@causeway/sdk');`,
      `const text = "import x from 'elsewhere'"; // a string, not an import`,
      `export default { url: import.meta.url };`,
    ].join('\n');
    const out = rewriteImports(source, targets, '@acme/p');
    expect(out).toBe(
      [
        `import { defineNode, port } from "http://host/assets/host-sdk.js";`,
        `import * as arrow from 'http://host/assets/host-arrow.js';`,
        `export { tableFromArrays } from "http://host/assets/host-arrow.js";`,
        `const later = () => import("http://host/assets/host-sdk.js");`,
        `const text = "import x from 'elsewhere'"; // a string, not an import`,
        `export default { url: import.meta.url };`,
      ].join('\n'),
    );
  });

  it('refuses any other import, naming the plugin and the specifier', () => {
    expect(() => rewriteImports(`import fs from 'node:fs';`, targets, '@acme/p')).toThrow(
      /plugin @acme\/p imports "node:fs"; a plugin bundle may import only @causeway\/sdk and apache-arrow/,
    );
    expect(() => rewriteImports(`import './other.js';`, targets, '@acme/p')).toThrow(/imports "\.\/other\.js"/);
    expect(() => rewriteImports('const m = import(name);', targets, '@acme/p')).toThrow(/a computed import\(\)/);
    expect(() => rewriteImports('export const x = ;;; import {', targets, '@acme/p')).toThrow(/is not a JavaScript module/);
  });

  it('keeps a quote inside a URL from ending the specifier', () => {
    const out = rewriteImports(`import 'apache-arrow';`, { 'apache-arrow': "http://host/it's.js" }, 'p');
    expect(out).toBe(`import 'http://host/it\\'s.js';`);
  });
});
