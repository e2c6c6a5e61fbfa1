#!/usr/bin/env node
// API reference: TypeDoc over every published package's public entry points (each `exports` subpath with
// types, mapped back to its source file), found automatically like the consumer test finds packages.
//   pnpm docs          writes the HTML reference to docs/api/
//   pnpm docs:check    validation only: fails on an exported symbol without TSDoc, a broken {@link}, or a
//                      symbol that the public API uses but does not export (part of `pnpm lint`)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { Application, LogLevel } from "typedoc";
import { discoverPackages } from "./package-test/pack.mjs";

const repo = join(import.meta.dirname, "..");
const check = process.argv.includes("--check");

/**
 * `./dist/foo.d.ts` -> tsup's entry for that output: the one named `foo` in tsup.config.ts
 * (`entry: { foo: "src/bar.ts" }`), else `src/foo.ts` or `src/foo/index.ts`.
 */
function sourceOf(dir, types) {
  const stem = types.replace(/^\.\/dist\//, "").replace(/\.d\.ts$/, "");
  const tsup = join(dir, "tsup.config.ts");
  const named = existsSync(tsup)
    ? new RegExp(`["']?\\b${stem.replace(/[^\w]/g, "\\$&")}["']?\\s*:\\s*["'](\\.?/?src/[^"']+)["']`).exec(
        readFileSync(tsup, "utf8"),
      )?.[1]
    : undefined;
  for (const candidate of [named, `src/${stem}.ts`, `src/${stem}/index.ts`, `src/${stem}.tsx`]) {
    if (candidate && existsSync(join(dir, candidate))) return join(dir, candidate);
  }
  throw new Error(`${relative(repo, dir)}: no source found for the export ${types}`);
}

const entryPoints = [];
for (const p of discoverPackages(repo)) {
  for (const value of Object.values(p.manifest.exports ?? {})) {
    const types = typeof value === "object" ? value.types : undefined;
    if (types) entryPoints.push(sourceOf(p.dir, types));
  }
}

// One program over every entry point; cross-package imports resolve to the sources, not to dist/.
const tsconfig = join(repo, "node_modules", ".cache", "typedoc", "tsconfig.json");
mkdirSync(join(tsconfig, ".."), { recursive: true });
writeFileSync(
  tsconfig,
  JSON.stringify(
    {
      extends: join(repo, "tooling", "typescript", "base.json"),
      compilerOptions: { noEmit: true, skipLibCheck: true, lib: ["ES2023", "DOM"] },
      include: entryPoints.map((e) => join(e, "..", "**", "*.ts")),
      exclude: ["**/*.test.ts", "**/node_modules/**"],
    },
    null,
    2,
  ),
);

const app = await Application.bootstrapWithPlugins({
  entryPoints,
  entryPointStrategy: "resolve",
  tsconfig,
  name: "mlp-lab",
  readme: "none",
  disableSources: true,
  out: join(repo, "docs", "api"),
  excludePrivate: true,
  excludeInternal: true,
  excludeExternals: true,
  skipErrorChecking: true,
  validation: { notExported: true, invalidLink: true, notDocumented: true },
  // Every exported declaration and class member. Not "Property": it would also demand a comment on each
  // member of the object types that zod infers (enum values of a schema), which have no source to hold one.
  requiredToBeDocumented: [
    "Enum",
    "Variable",
    "Function",
    "Class",
    "Interface",
    "Method",
    "Accessor",
    "TypeAlias",
  ],
  treatWarningsAsErrors: true,
  logLevel: LogLevel.Warn,
});
const project = await app.convert();
if (!project) process.exit(1);
app.validate(project);
if (app.logger.hasErrors() || app.logger.hasWarnings()) {
  console.error(
    `docs: ${app.logger.errorCount} error(s), ${app.logger.warningCount} warning(s) in ${entryPoints.length} entry points`,
  );
  process.exit(1);
}
if (!check) {
  await app.generateDocs(project, join(repo, "docs", "api"));
  console.log(`docs: ${entryPoints.length} entry points -> docs/api/index.html`);
} else console.log(`docs: ${entryPoints.length} entry points, every export documented`);
