import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "..", "..");
const SRC = join(ROOT, "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith(".ts") ? [path] : [];
  });
}

interface SourceFile {
  readonly path: string;
  readonly area: string;
  readonly text: string;
  readonly imports: readonly string[];
}

/** "engine", "model/core", "model/facility", "scenario", "runner", "report", "cli". */
function areaOf(path: string): string {
  const parts = relative(SRC, path).split("/");
  return parts[0] === "model" ? `model/${parts[1]}` : (parts[0] as string);
}

/** Code without its comments, so that a comment may name what the code must not use. */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
}

/** Every module a source text imports: `import … from`, `export … from`, side-effect `import "x"` and dynamic `import("x")`. */
export function importsOf(text: string): string[] {
  const code = codeOf(text);
  return [
    ...[...code.matchAll(/^\s*(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/gms)].map((m) => m[1] as string),
    ...[...code.matchAll(/^\s*import\s+["']([^"']+)["']/gm)].map((m) => m[1] as string),
    ...[...code.matchAll(/\bimport\s*\(\s*(["'`])([^"'`]*)\1\s*\)/g)].map((m) => m[2] as string),
    ...[...code.matchAll(/\bimport\s*\(\s*(?!["'`])/g)].map(() => ""),
  ];
}

/** What a simulation must never read: wall-clock time, timers, randomness outside its streams. */
const CLOCK_AND_TIMERS = [/\bDate\b/, /\bperformance\.now\b/, /\bsetTimeout\b/, /\bsetInterval\b/, /\bsetImmediate\b/, /\bqueueMicrotask\b/, /\bMath\.random\b/, /\bprocess\.hrtime\b/];

/** The rule's breaches in one source file of an area: imports it may not make, and clock or timer use in engine and model. */
export function breaches(area: string, relPath: string, text: string, resolveArea: (spec: string) => string): string[] {
  const allowed = ALLOWED[area];
  if (allowed === undefined) return [`${relPath}: area ${area} has no rule`];
  const out: string[] = [];
  for (const spec of importsOf(text)) {
    if (spec === "") out.push(`${relPath} imports a computed module name`);
    else if (spec.startsWith(".")) {
      const target = resolveArea(spec);
      if (target !== area && !allowed.includes(target)) out.push(`${relPath} imports ${target}`);
    } else if (!spec.startsWith("node:") && !(LIBRARY_HOME[spec] ?? []).includes(area)) out.push(`${relPath} imports ${spec}`);
  }
  if (area === "engine" || area.startsWith("model/")) {
    const code = codeOf(text);
    for (const re of CLOCK_AND_TIMERS) if (re.test(code)) out.push(`${relPath} uses ${re.source}`);
  }
  return out;
}

const files: SourceFile[] = sourceFiles(SRC).map((path) => {
  const text = readFileSync(path, "utf8");
  return { path, area: areaOf(path), text, imports: importsOf(text) };
});

function internalTargets(file: SourceFile): string[] {
  return file.imports.filter((i) => i.startsWith(".")).map((i) => areaOf(resolve(dirname(file.path), i)));
}

/** Which areas each area may import (itself always allowed). */
const ALLOWED: Record<string, readonly string[]> = {
  engine: [],
  "model/core": ["engine"],
  "model/facility": ["engine", "model/core", "model/compute"],
  "model/compute": ["engine", "model/core", "model/facility"],
  "model/cloud": ["engine", "model/core"],
  "model/apps": ["engine", "model/core"],
  "model/data": ["engine", "model/core"],
  scenario: ["engine", "model/core", "model/facility", "model/compute", "model/cloud", "model/apps", "model/data"],
  runner: ["engine", "model/core", "model/facility", "model/compute", "model/cloud", "model/apps", "model/data", "scenario"],
  report: ["model/core", "runner", "engine"],
  api: ["engine", "model/core", "scenario", "runner", "report"],
  cli: ["engine", "model/core", "scenario", "runner", "report", "api"],
};

/** The one area where each third-party library may be imported. */
const LIBRARY_HOME: Record<string, readonly string[]> = {
  seedrandom: ["engine"],
  yaml: ["scenario"],
  zod: ["scenario"],
  chalk: ["report"],
  "cli-table3": ["report"],
  commander: ["cli"],
};

describe("the dependency rule", () => {
  it("finds the source files it checks", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(new Set(files.map((f) => f.area))).toContain("engine");
  });

  it("lets each area import only the areas below it", () => {
    const broken = files.flatMap((file) => {
      const allowed = ALLOWED[file.area];
      if (allowed === undefined) return [`${relative(ROOT, file.path)}: area ${file.area} has no rule`];
      return internalTargets(file).filter((t) => t !== file.area && !allowed.includes(t)).map((t) => `${relative(ROOT, file.path)} imports ${t}`);
    });
    expect(broken).toEqual([]);
  });

  it("keeps each third-party library in its one home", () => {
    const broken = files.flatMap((file) =>
      file.imports
        .filter((i) => !i.startsWith(".") && !i.startsWith("node:"))
        .filter((i) => LIBRARY_HOME[i] === undefined || !(LIBRARY_HOME[i] as readonly string[]).includes(file.area))
        .map((i) => `${relative(ROOT, file.path)} imports ${i}`),
    );
    expect(broken).toEqual([]);
  });

  it("bans the clock, randomness, the environment, the console and the file system outside the CLI", () => {
    const banned = [/\bMath\.random\b/, /\bDate\b/, /\bprocess\./, /\bconsole\./, /from\s+["']node:fs/, /from\s+["']fs["']/];
    // The API reads the files a caller names (node:fs), and nothing else of the outside world.
    const allowedIn: Record<string, readonly RegExp[]> = { api: [banned[4] as RegExp] };
    const broken = files
      .filter((f) => f.area !== "cli")
      .flatMap((f) => {
        const code = f.text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
        return banned.filter((re) => !(allowedIn[f.area] ?? []).includes(re) && re.test(code)).map((re) => `${relative(ROOT, f.path)} uses ${re.source}`);
      });
    expect(broken).toEqual([]);
  });

  it("holds every import form and bans clocks and timers in engine and model", () => {
    const broken = files.flatMap((f) => breaches(f.area, relative(ROOT, f.path), f.text, (spec) => areaOf(resolve(dirname(f.path), spec))));
    expect(broken).toEqual([]);
  });

  it("bites: a deliberate violation of each kind is caught", () => {
    const here = (spec: string): string => areaOf(resolve(SRC, "model", "cloud", spec));
    const cases: [string, string][] = [
      ["import \"../facility/config.js\";", "imports model/facility"],
      ["const m = await import(\"../apps/index.js\");", "imports model/apps"],
      ["export { x } from \"../../cli/main.js\";", "imports cli"],
      ["const t = Date.now();", "uses \\bDate\\b"],
      ["const t = performance.now();", "uses \\bperformance\\.now\\b"],
      ["setTimeout(() => undefined, 10);", "uses \\bsetTimeout\\b"],
      ["import { z } from \"zod\";", "imports zod"],
      ["const m = await import(name);", "imports a computed module name"],
    ];
    for (const [code, message] of cases) {
      expect(breaches("model/cloud", "src/model/cloud/x.ts", code, here), code).toEqual([`src/model/cloud/x.ts ${message}`]);
    }
    expect(breaches("model/cloud", "src/model/cloud/x.ts", "// Date.now() is banned here\nconst a = 1;", here)).toEqual([]);
  });

  it("keeps the engine free of datacenter words", () => {
    const words = /\b(hall|chiller|server|cluster|cooling|datacenter|app)\b/i;
    const broken = files.filter((f) => f.area === "engine" && words.test(f.text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, ""))).map((f) => relative(ROOT, f.path));
    expect(broken).toEqual([]);
  });
});
