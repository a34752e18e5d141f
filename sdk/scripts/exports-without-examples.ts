import { join } from 'node:path';
import ts from 'typescript';

/**
 * The exported symbols of the SDK's public entry points whose declarations carry no JSDoc `@example`:
 * the plugin author's documentation is the JSDoc, so every export shows how it is used.
 */
export function exportsWithoutExamples(sdkDir: string): string[] {
  const entries = { '@causeway/sdk': 'src/index.ts', '@causeway/sdk/testkit': 'src/testkit/index.ts' };
  const program = ts.createProgram(
    Object.values(entries).map((file) => join(sdkDir, file)),
    {
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      skipLibCheck: true,
    },
  );
  const checker = program.getTypeChecker();
  const missing: string[] = [];
  for (const [entry, file] of Object.entries(entries)) {
    const source = program.getSourceFile(join(sdkDir, file));
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`cannot read ${file}`);
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      // A re-export of another package's symbol carries its JSDoc on the export statement.
      const reexports = (exported.declarations ?? []).filter(ts.isExportSpecifier).map((specifier) => specifier.parent.parent);
      const hasExample = [...(symbol.declarations ?? []), ...reexports].some((declaration) =>
        ts.getJSDocTags(declaration).some((tag) => tag.tagName.text === 'example'),
      );
      if (!hasExample) missing.push(`${entry}: ${exported.name}`);
    }
  }
  return missing.sort();
}
