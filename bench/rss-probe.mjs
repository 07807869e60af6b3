// Preloaded into a measured CLI process (node --import): prints its peak resident memory when it exits.
process.on("exit", () => {
  process.stderr.write(`\n@@maxrss ${process.resourceUsage().maxRSS}\n`);
});
