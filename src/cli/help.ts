/** What `outage-sim --help` ends with: examples, the exit codes and where the documentation is. */
export const HELP_FOOTER = `
Global options (accepted by every command, before or after its name):
  --no-color            never colour the output (NO_COLOR and FORCE_COLOR are honoured too)
  --width <n>           fit text output to N columns (default: the terminal's; nothing is cut when piped)
  -V, --version         print the version
  -h, --help            show help; \`outage-sim help <command>\` for one command

Examples:
  outage-sim list                                        the shipped scenarios
  outage-sim run tencent-cooling.yaml                    replay the headline scenario
  outage-sim run tencent-cooling.yaml --seed 7 --set operators.power-on-pay.at=8h
  outage-sim run my.yaml --format html --out report.html
  outage-sim init my-region --from tencent-cooling       start a scenario of your own (with its topology)
  outage-sim validate my-region/*.yaml --format github   annotate problems in a GitHub Actions job
  outage-sim test scenarios/ --junit junit.xml           every scenario's expectations and baselines, for CI
  outage-sim sweep tencent-cooling.yaml --runs 500 --fail-under 95%
  outage-sim completion bash > /etc/bash_completion.d/outage-sim

Exit codes:
  0   ran; every expectation held (or none given)
  1   ran; a critical expectation or a baseline failed, or a sweep passed too rarely
  2   invalid input: every problem listed with file:line:col, path and a fix; nothing was run
  3   a limit was reached: the event budget ran out, or an app was still impacted at the horizon
  70  internal error (a bug): the message names the seed; please report it with the scenario

Documentation: README.md and docs/ in the package (docs/scenario-format.md for the format,
docs/reports.md and docs/report-json.md for the reports, docs/ci.md for CI, docs/api.md for the API).
`;
