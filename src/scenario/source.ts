/** What the loader may ask of the outside world: the text of a file. Only the CLI implements it with real files. */
export interface SourceReader {
  /**
   * The file's text, or a sentence saying why it cannot be read. With `within`, the file must lie inside one of
   * those folders (or another folder the reader allows), links followed; imports are read so.
   */
  read(path: string, within?: readonly string[]): { ok: true; text: string } | { ok: false; reason: string };
}

/** Whether a path (normalised, `/`-separated) is a folder or inside it, by its text alone. */
export function isInsideFolder(path: string, folder: string): boolean {
  if (folder === "" || folder === ".") return !path.startsWith("../") && path !== ".." && !path.startsWith("/");
  const root = folder.endsWith("/") ? folder : `${folder}/`;
  return path === folder || path.startsWith(root);
}

/** A reader over an in-memory map of path → text (tests, and scenarios given as text). */
export function memoryReader(files: Readonly<Record<string, string>>): SourceReader {
  return {
    read(path, within) {
      if (within !== undefined && !within.some((folder) => isInsideFolder(path, folder))) return { ok: false, reason: "it is outside the folders imports may read" };
      const text = files[path];
      return text === undefined ? { ok: false, reason: "no such file" } : { ok: true, text };
    },
  };
}
