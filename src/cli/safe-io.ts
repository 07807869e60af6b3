/**
 * Reading and writing the files a user names, safely whatever is at the path.
 *
 * Inputs are opened once (never blocking on a FIFO), checked with `fstat` to be a regular file under a
 * size limit, and read through that one descriptor with the limit: a device, a FIFO or a file that grows
 * while being read cannot make the tool read without end.
 *
 * Outputs go to regular files atomically (a temporary file beside the target, flushed, then renamed over
 * it); a symbolic link is resolved and its target written; a read-only target is refused; an existing
 * character device or FIFO (`/dev/stdout`, `/dev/null`, a named pipe with a reader) is written as a
 * stream, never replaced; sockets, block devices and folders are refused. `/dev/stdout`, `/dev/stderr` and
 * `/dev/fd/N` write to the process's own descriptor, whatever it is (a socket from a parent process too). Temporary files are named
 * `.<name>.outage-sim-<pid>.tmp`; those left by a process that no longer runs are removed when the
 * same target is written again.
 */
import { closeSync, constants, fchmodSync, fstatSync, fsyncSync, lstatSync, openSync, readdirSync, readlinkSync, readSync, realpathSync, renameSync, rmSync, statSync, writeSync, type Stats } from "node:fs";
import { basename, dirname, isAbsolute, join, resolve } from "node:path";
import { UserError } from "./exit-codes.js";

/** The outcome of reading an input file: its text, or a sentence saying why it was not read. */
export type InputRead = { ok: true; text: string; bytes: number } | { ok: false; reason: string };

/** What a file type is called in messages. */
function kindOf(stat: Stats): string {
  if (stat.isDirectory()) return "a folder";
  if (stat.isFIFO()) return "a FIFO (named pipe)";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  if (stat.isSocket()) return "a socket";
  return "not a regular file";
}

function errnoReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT": return "no such file";
    case "EACCES": case "EPERM": return "permission denied";
    case "ELOOP": return "too many symbolic links";
    case "ENOTDIR": return "a part of the path is not a folder";
    case "ENAMETOOLONG": return "the path is too long";
    case "EISDIR": return "it is a folder, not a file";
    default: return `it cannot be read (${code ?? "unknown error"})`;
  }
}

/**
 * Reads a regular file of at most `maxBytes` bytes as UTF-8 text: opened once without blocking, checked with
 * fstat, read through the same descriptor and never past the limit (a file growing meanwhile is refused).
 */
export function readInputFile(path: string, maxBytes: number): InputRead {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  } catch (error) {
    return { ok: false, reason: errnoReason(error) };
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return { ok: false, reason: stat.isDirectory() ? "it is a folder, not a file" : `it is ${kindOf(stat)}, not a regular file` };
    if (stat.size > maxBytes) return { ok: false, reason: `it is ${stat.size} bytes, more than the limit of ${maxBytes} bytes` };
    // fstat's size is a hint (files under /proc say 0): read into a buffer grown as needed, never past the limit.
    let buffer = Buffer.alloc(Math.min(maxBytes, stat.size) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length > maxBytes) return { ok: false, reason: `it grew past the limit of ${maxBytes} bytes while being read` };
        const bigger = Buffer.alloc(Math.min(maxBytes + 1, Math.max(4096, buffer.length * 2)));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > maxBytes) return { ok: false, reason: `it grew past the limit of ${maxBytes} bytes while being read` };
    return { ok: true, text: buffer.toString("utf8", 0, length), bytes: length };
  } catch (error) {
    return { ok: false, reason: errnoReason(error) };
  } finally {
    closeSync(fd);
  }
}

/** The real path of `path` when it exists; for a missing path, its folder's real path joined with its name. */
export function realPathOf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    try {
      return join(realpathSync(dirname(resolve(path))), basename(path));
    } catch {
      return resolve(path);
    }
  }
}

/** Whether `path` is `root` or inside it (both absolute, normalised). */
export function isWithin(path: string, root: string): boolean {
  if (path === root) return true;
  const withSep = root.endsWith("/") ? root : `${root}/`;
  return path.startsWith(withSep);
}

/** The prefix and suffix of the temporary files written beside `name`. */
function tempName(name: string, pid: number): string {
  return `.${name}.outage-sim-${pid}.tmp`;
}

const TEMP_PATTERN = /^\.(.+)\.outage-sim-(\d+)\.tmp$/;

function processRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Removes temporary files left beside `name` in `dir` by processes that no longer run (a killed earlier write). */
export function removeStaleTemps(dir: string, name: string): number {
  let removed = 0;
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const match = TEMP_PATTERN.exec(entry);
    if (match === null || match[1] !== name) continue;
    const pid = Number(match[2]);
    if (pid === process.pid || processRuns(pid)) continue;
    const full = join(dir, entry);
    try {
      if (!lstatSync(full).isFile()) continue;
      rmSync(full, { force: true });
      removed++;
    } catch {
      // Another writer removed it first: nothing to do.
    }
  }
  return removed;
}

/** Where a write goes once symbolic links are followed: the final path and what is there (undefined: nothing yet). */
function resolveTarget(path: string): { target: string; stat: Stats | undefined } {
  let target = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    let link: Stats;
    try {
      link = lstatSync(target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return { target, stat: undefined };
      throw new UserError(`cannot write "${path}": ${errnoReason(error)}`);
    }
    if (!link.isSymbolicLink()) return { target, stat: link };
    let next: string;
    try {
      next = readlinkSync(target);
    } catch (error) {
      throw new UserError(`cannot write "${path}": ${errnoReason(error)}`);
    }
    // A "magic" link such as /proc/self/fd/1 → pipe:[123] names no path: what it opens is what stat sees.
    if (!next.startsWith("/") && /^[a-z_]+:\[.*\]$/.test(next)) {
      try {
        return { target, stat: statSync(target) };
      } catch (error) {
        throw new UserError(`cannot write "${path}": ${errnoReason(error)}`);
      }
    }
    target = isAbsolute(next) ? next : resolve(dirname(target), next);
  }
  throw new UserError(`cannot write "${path}": too many symbolic links`);
}

/** Writes all of `content` to an open descriptor, waiting briefly when a non-blocking pipe is full. */
function writeAll(fd: number, content: string): void {
  const data = Buffer.from(content, "utf8");
  const pause = new Int32Array(new SharedArrayBuffer(4));
  let offset = 0;
  while (offset < data.length) {
    try {
      offset += writeSync(fd, data, offset, data.length - offset);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EAGAIN") throw error;
      Atomics.wait(pause, 0, 0, 5);
    }
  }
}

/** Writes to an existing character device or FIFO as a stream: never replaced, never blocking on a FIFO without a reader. */
function writeStream(path: string, target: string, stat: Stats, content: string): void {
  let fd: number;
  try {
    fd = openSync(target, constants.O_WRONLY | constants.O_NONBLOCK | constants.O_NOCTTY | constants.O_APPEND);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENXIO") throw new UserError(`cannot write "${path}": it is ${kindOf(stat)} that no process is reading. Start the reader first, or write to a regular file`);
    throw new UserError(`cannot write "${path}": ${errnoReason(error)}`);
  }
  try {
    writeAll(fd, content);
  } catch (error) {
    throw new UserError(`cannot write "${path}": ${(error as NodeJS.ErrnoException).code ?? "write failed"}`);
  } finally {
    closeSync(fd);
  }
}

/** The descriptor a path names by itself (/dev/stdout, /dev/stderr, /dev/fd/N, /proc/self/fd/N), if any. */
function standardStreamOf(path: string): number | undefined {
  if (path === "/dev/stdout") return 1;
  if (path === "/dev/stderr") return 2;
  const match = /^\/(?:dev|proc\/self)\/fd\/(\d{1,6})$/.exec(path);
  return match === null ? undefined : Number(match[1]);
}

/** Writes to a descriptor this process already holds (its output may be a pipe, a socket, a terminal or a file). */
function writeToDescriptor(path: string, fd: number, content: string): void {
  try {
    fstatSync(fd);
  } catch {
    throw new UserError(`cannot write "${path}": this process has no such output open`);
  }
  try {
    writeAll(fd, content);
  } catch (error) {
    throw new UserError(`cannot write "${path}": ${(error as NodeJS.ErrnoException).code ?? "write failed"}`);
  }
}

/**
 * Writes a whole output file. A regular file (or a new one) is written atomically; a read-only one is refused;
 * a symbolic link is followed; a character device or FIFO is written as a stream; anything else is refused.
 */
export function writeOutputFile(path: string, content: string): void {
  const fd = standardStreamOf(path);
  if (fd !== undefined) return writeToDescriptor(path, fd, content);
  const { target, stat } = resolveTarget(path);
  if (stat !== undefined && !stat.isFile()) {
    if (stat.isCharacterDevice() || stat.isFIFO()) return writeStream(path, target, stat, content);
    throw new UserError(`cannot write "${path}": it is ${kindOf(stat)}. Give the path of a file to write`);
  }
  if (stat !== undefined && (stat.mode & 0o222) === 0) {
    throw new UserError(`cannot write "${path}": the file is read-only. Make it writable (chmod u+w) or write to another file`);
  }
  const dir = dirname(target);
  let dirStat: Stats;
  try {
    dirStat = statSync(dir);
  } catch {
    throw new UserError(`cannot write "${path}": folder ${dir} does not exist. Create it first`);
  }
  if (!dirStat.isDirectory()) throw new UserError(`cannot write "${path}": ${dir} is not a folder`);
  const name = basename(target);
  removeStaleTemps(dir, name);
  const temp = join(dir, tempName(name, process.pid));
  try {
    const fd = openSync(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o666);
    try {
      // An existing file keeps its permissions; a new one gets the default (0666 less the umask).
      if (stat !== undefined) fchmodSync(fd, stat.mode & 0o7777);
      writeAll(fd, content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "EEXIST") throw new UserError(`cannot write "${path}": another outage-sim process is writing it`);
    throw new UserError(`cannot write "${path}": ${code === "EACCES" || code === "EPERM" ? "permission denied (the folder must be writable)" : code === "ENOSPC" ? "no space left on the device" : (code ?? "write failed")}`);
  }
}
