/** What the loader may ask of the outside world: the text of a file. Only the CLI implements it with real files. */
export interface SourceReader {
  /** The file's text, or a sentence saying why it cannot be read. */
  read(path: string): { ok: true; text: string } | { ok: false; reason: string };
}

/** A reader over an in-memory map of path → text (tests, and scenarios given as text). */
export function memoryReader(files: Readonly<Record<string, string>>): SourceReader {
  return {
    read(path) {
      const text = files[path];
      return text === undefined ? { ok: false, reason: "no such file" } : { ok: true, text };
    },
  };
}
