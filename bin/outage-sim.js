#!/usr/bin/env node
// Shebang shim: the CLI lives in the compiled TypeScript under dist/.
import { main } from "../dist/src/cli/main.js";

// A reader that stops early (`outage-sim schema | head`) is not an error.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
