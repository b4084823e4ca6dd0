#!/usr/bin/env node
// Maintenance tasks for the API, run by operators.
const { execSync } = require("child_process");
const fs = require("fs");

const [, , task, arg] = process.argv;

if (task === "restore") {
  // ruleid: js/command-injection
  execSync(`pg_restore --clean --dbname=api ${arg}`, { stdio: "inherit" });
} else if (task === "show-config") {
  // ok: js/path-traversal
  process.stdout.write(fs.readFileSync(arg, "utf8"));
} else if (task === "vacuum") {
  // ok: js/command-injection
  execSync("psql --dbname=api -c 'VACUUM ANALYZE'", { stdio: "inherit" });
}
