#!/usr/bin/env node
// Shebang shim: the CLI lives in the compiled TypeScript under dist/.
import { main } from "../dist/src/cli/main.js";

main(process.argv).then((code) => {
  process.exitCode = code;
});
