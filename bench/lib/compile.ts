/**
 * Baseline servers are TypeScript files that import only packages; they run on plain node (like the
 * compiled production server, with its flags), not under tsx, whose loader would add its own memory and
 * start-up to the figures. This transpiles one such file to an .mjs inside the bench's output folder (under
 * the repository, so its imports resolve from node_modules).
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";

export function compileStandalone(tsFile: string, outDir: string): string {
  const source = fs.readFileSync(tsFile, "utf8");
  const { outputText, diagnostics } = ts.transpileModule(source, {
    fileName: tsFile,
    reportDiagnostics: true,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false },
  });
  if (diagnostics?.length) throw new Error(`${tsFile}: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, "\n")}`);
  fs.mkdirSync(outDir, { recursive: true });
  const out = path.join(outDir, `${path.basename(tsFile, ".ts")}.mjs`);
  fs.writeFileSync(out, outputText);
  return out;
}
