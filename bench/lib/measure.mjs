// Whole-process measurements of a Node program: wall time, CPU (user + sys) and peak RSS.
//
// CPU and peak RSS come from the process itself: usage-probe.cjs is preloaded and writes its
// getrusage(RUSAGE_SELF) at exit (all threads; ru_maxrss is the true high-water mark, which
// polling /proc/<pid>/status would only approximate). As a check that nothing escapes that
// figure, on Linux the harness also reads its own cutime + cstime (/proc/self/stat) around
// the run: the CPU of every descendant it reaped, subprocesses included.
import { spawn } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const PROBE = fileURLToPath(new URL("./usage-probe.cjs", import.meta.url));
const OUTPUT_CAP = 1 << 20;

/**
 * Runs `node <script> <args>` and resolves to { wallMs, cpuMs, userMs, sysMs, peakRssKb,
 * treeCpuMs (null off Linux), exitCode, stdout, stderr }. Rejects when the process dies from a
 * signal or leaves no usage record. `stdoutFile` sends standard output to that file instead (for
 * tools whose report can only go there and may be larger than what is kept in memory).
 */
export async function measureNode(script, args, { cwd, env = process.env, stdoutFile } = {}) {
  const scratch = mkdtempSync(join(tmpdir(), "vigil-bench-usage-"));
  const usageFile = join(scratch, "usage.json");
  const stdoutFd = stdoutFile === undefined ? undefined : openSync(stdoutFile, "w");
  try {
    const treeBefore = reapedChildrenCpuMs();
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--require", PROBE, script, ...args], {
      cwd,
      env: { ...env, VIGIL_BENCH_USAGE_FILE: usageFile },
      stdio: ["ignore", stdoutFd ?? "pipe", "pipe"],
    });
    const stdout = stdoutFd === undefined ? capture(child.stdout) : () => "";
    const stderr = capture(child.stderr);
    const { code, signal } = await new Promise((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code, signal }));
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    const treeAfter = reapedChildrenCpuMs();
    if (signal) throw new Error(`${script} was killed by ${signal}\n${stderr()}`);
    let usage;
    try {
      usage = JSON.parse(readFileSync(usageFile, "utf8"));
    } catch {
      throw new Error(`${script} exited ${code} without a usage record\n${stderr()}`);
    }
    const userMs = usage.userMicros / 1000;
    const sysMs = usage.systemMicros / 1000;
    return {
      wallMs,
      cpuMs: userMs + sysMs,
      userMs,
      sysMs,
      peakRssKb: usage.maxRssKb,
      treeCpuMs: treeBefore === null || treeAfter === null ? null : treeAfter - treeBefore,
      exitCode: code,
      stdout: stdout(),
      stderr: stderr(),
    };
  } finally {
    if (stdoutFd !== undefined) closeSync(stdoutFd);
    rmSync(scratch, { recursive: true, force: true });
  }
}

export function median(values) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** CPU of this process's reaped descendants in ms (fields 16-17 of /proc/self/stat), or null. */
function reapedChildrenCpuMs() {
  let stat;
  try {
    stat = readFileSync("/proc/self/stat", "utf8");
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces; the numeric fields start after its ")".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  // USER_HZ is 100 on every Linux ABI Node supports.
  return ((cutime + cstime) * 1000) / 100;
}

function capture(stream) {
  const chunks = [];
  let size = 0;
  stream.on("data", (chunk) => {
    if (size < OUTPUT_CAP) chunks.push(chunk);
    size += chunk.length;
  });
  return () => Buffer.concat(chunks).toString("utf8");
}
