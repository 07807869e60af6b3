import { describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";

describe("outage-sim explain", () => {
  it("walks an app's first impact back to the injected fault, root first", () => {
    const result = runCli(["explain", "tencent-cooling.yaml", "--app", "pc-login", "--no-color"], { env: { COLUMNS: "160" } });
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.some((l) => l.startsWith("pc-login: degraded since 02:24"))).toBe(true);
    const chain = lines.filter((l) => /^ {2}(→ )?\d\d:\d\d/.test(l));
    expect(chain[0]).toMatch(/02:00 {2}fault +cooling-source-fails {2}injected/);
    expect(chain[chain.length - 1]).toMatch(/app +pc-login {2}degraded/);
    expect(result.stdout).toContain('worst: "QR code expired", back at 09:40');
  });

  it("explains the state at a given time, recovery included", () => {
    const result = runCli(["explain", "tencent-cooling.yaml", "--app", "pc-login", "--at", "12:00"], { env: { COLUMNS: "160" } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("pc-login: healthy again since 09:40");
    expect(result.stdout).toMatch(/operator power-on-login/);
  });

  it("refuses an unknown app or a bad time with exit 2 and a sentence", () => {
    const unknown = runCli(["explain", "tencent-cooling.yaml", "--app", "pc-logon"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('no app "pc-logon"');
    const badTime = runCli(["explain", "tencent-cooling.yaml", "--at", "soon"]);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain("local clock time");
  });
});
