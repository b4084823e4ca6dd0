"use strict";
// Preloaded (`node --require`) into a benchmarked Node process. At exit it records the process's
// own getrusage(RUSAGE_SELF): CPU of every thread (main, workers, libuv pool, GC) and the peak
// resident set, which the harness cannot read once the process has exited and been reaped.
const { writeFileSync } = require("node:fs");
const { isMainThread } = require("node:worker_threads");

const target = process.env.VIGIL_BENCH_USAGE_FILE;
if (isMainThread && target) {
  // Processes this one starts must not overwrite the record.
  delete process.env.VIGIL_BENCH_USAGE_FILE;
  process.on("exit", () => {
    const u = process.resourceUsage();
    writeFileSync(target, JSON.stringify({ userMicros: u.userCPUTime, systemMicros: u.systemCPUTime, maxRssKb: u.maxRSS }));
  });
}
