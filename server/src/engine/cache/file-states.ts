import { readFileSync, statSync } from "node:fs";
import { digest } from "./digest";

/** A file's size and modification time when its content had `digest`. */
export interface FileStat {
  mtimeMs: number;
  size: number;
  digest: string;
}

/**
 * A file changed within this many milliseconds of the cache being written may change again within
 * the same timestamp tick: its stat is not trusted next time (the "racy" case git also guards).
 */
const RACY_MS = 2_000;
/** Stored in place of the modification time of a file whose stat must not be trusted. */
const UNTRUSTED = -1;

/**
 * The current content of files during one scan, as digests (null: absent or unreadable). A file
 * whose size and modification time match what the cache last saw keeps its digest without being
 * read; any other is read and hashed once.
 */
export class FileStates {
  private readonly current = new Map<string, string | null>();
  /** Stats established in this scan, for the next one. */
  private readonly fresh = new Map<string, FileStat>();

  /**
   * @param known what the cache last saw
   * @param observed stats this scan already took (when it enumerated the files), so a file is not
   *   stat'ed twice; a re-scan of an unchanged project is mostly stats
   */
  constructor(
    private readonly known: ReadonlyMap<string, FileStat> = new Map(),
    private readonly observed: ReadonlyMap<string, { mtimeMs: number; size: number }> = new Map(),
  ) {}

  digestOf(file: string): string | null {
    let state = this.current.get(file);
    if (state === undefined) {
      state = this.look(file);
      this.current.set(file, state);
    }
    return state;
  }

  /** Records the stat a file had before it was read and the digest of what was read. */
  note(file: string, stat: { mtimeMs: number; size: number }, fileDigest: string): void {
    this.fresh.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, digest: fileDigest });
  }

  /** True when this scan learnt a stat the cache did not hold (a new, changed or touched file). */
  hasNewStats(): boolean {
    return this.fresh.size > 0;
  }

  /** The stats to keep, as of `now`: recent modifications are marked untrusted. */
  snapshot(keep: (file: string) => boolean, now = Date.now()): Map<string, FileStat> {
    const out = new Map<string, FileStat>();
    for (const source of [this.known, this.fresh]) {
      for (const [file, stat] of source) {
        if (!keep(file)) continue;
        out.set(file, now - stat.mtimeMs < RACY_MS ? { ...stat, mtimeMs: UNTRUSTED } : stat);
      }
    }
    return out;
  }

  private look(file: string): string | null {
    let stat = this.observed.get(file);
    if (!stat) {
      let s;
      try {
        s = statSync(file, { throwIfNoEntry: false });
      } catch {
        return null;
      }
      if (!s?.isFile()) return null;
      stat = s;
    }
    const known = this.known.get(file);
    if (known && known.mtimeMs !== UNTRUSTED && known.mtimeMs === stat.mtimeMs && known.size === stat.size) return known.digest;
    let d: string;
    try {
      d = digest(readFileSync(file));
    } catch {
      return null;
    }
    this.note(file, stat, d);
    return d;
  }
}
