import { describe, expect, it } from "vitest";
import { createProgress } from "../../src/cli/progress.js";

function fakeStream(isTTY: boolean): { isTTY: boolean; columns: number; written: string[]; write(text: string): void } {
  const written: string[] = [];
  return { isTTY, columns: 60, written, write: (text: string) => void written.push(text) };
}

describe("the progress indicator", () => {
  it("writes nothing when stderr is not a terminal", () => {
    const stream = fakeStream(false);
    let now = 0;
    const progress = createProgress({ label: "run", stream, now: () => now });
    for (now = 0; now < 5000; now += 100) progress.update(now, 5000);
    progress.done();
    expect(stream.written).toEqual([]);
  });

  it("stays silent for quick work, then draws on one line and erases itself at the end", () => {
    const stream = fakeStream(true);
    let now = 0;
    const progress = createProgress({ label: "sweep", stream, now: () => now, delayMs: 300, intervalMs: 100 });
    progress.update(1, 10);
    expect(stream.written).toEqual([]);
    now = 400;
    progress.update(5, 10, "seed 5");
    expect(stream.written).toEqual(["\r\u001b[2Ksweep [############............]  50% seed 5"]);
    now = 450;
    progress.update(6, 10);
    expect(stream.written).toHaveLength(1);
    progress.done();
    progress.done();
    expect(stream.written.at(-1)).toBe("\r\u001b[2K");
    expect(stream.written).toHaveLength(2);
  });

  it("can be turned off on a terminal too (machine output)", () => {
    const stream = fakeStream(true);
    const progress = createProgress({ label: "run", stream, now: () => 10_000, delayMs: 0, enabled: false });
    progress.update(1, 2);
    progress.done();
    expect(stream.written).toEqual([]);
  });

  it("never writes a line wider than the terminal", () => {
    const stream = fakeStream(true);
    const progress = createProgress({ label: "x".repeat(100), stream, now: () => 10_000, delayMs: 0 });
    progress.update(1, 2);
    expect((stream.written[0] as string).replace("\r\u001b[2K", "").length).toBeLessThan(60);
  });
});
