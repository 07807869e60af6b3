import { readFileSync, statSync } from "node:fs";
import { LOADER_LIMITS } from "../scenario/limits.js";
import type { SourceReader } from "../scenario/source.js";

/** Reads scenario and topology files from disk for the API, refusing folders and files over the loader's size limit. */
export const diskReader: SourceReader = {
  read(path) {
    try {
      const stat = statSync(path);
      if (stat.isDirectory()) return { ok: false, reason: "it is a folder, not a file" };
      if (stat.size > LOADER_LIMITS.maxFileBytes) return { ok: false, reason: `it is larger than ${LOADER_LIMITS.maxFileBytes} bytes` };
      return { ok: true, text: readFileSync(path, "utf8") };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { ok: false, reason: code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String((error as Error).message) };
    }
  },
};
