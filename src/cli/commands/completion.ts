import { InvalidArgumentError, type Command } from "commander";
import { emit, type CommandContext } from "./context.js";

/** What a completion script needs to know: each command with its options, and the options every command takes. */
interface CommandWords {
  readonly name: string;
  readonly options: readonly string[];
}

function wordsOf(program: Command): { commands: CommandWords[]; globals: string[] } {
  const optionWords = (c: Command): string[] => c.options.flatMap((o) => [o.short, o.long].filter((w): w is string => w !== undefined));
  const commands = program.commands.map((c) => ({ name: c.name(), options: [...optionWords(c), "--help"].sort() }));
  return { commands, globals: [...optionWords(program), "--help", "--version"].filter((w, i, all) => all.indexOf(w) === i).sort() };
}

/** Options that take a file argument: the shells complete file names after them. */
const FILE_OPTIONS = ["--out", "--junit", "--markdown", "--baseline", "--save-baseline"];

function bash(program: Command): string {
  const { commands, globals } = wordsOf(program);
  const cases = commands.map((c) => `    ${c.name}) opts="${c.options.join(" ")}" ;;`).join("\n");
  return `# bash completion for outage-sim (outage-sim completion bash > /etc/bash_completion.d/outage-sim, or source it from ~/.bashrc)
_outage_sim() {
  local cur prev cmd opts i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  cmd=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in -*) ;; *) cmd="\${COMP_WORDS[i]}"; break ;; esac
  done
  case "$prev" in ${FILE_OPTIONS.join("|")}) COMPREPLY=($(compgen -f -- "$cur")); return ;; esac
  if [[ -z "$cmd" ]]; then
    COMPREPLY=($(compgen -W "${commands.map((c) => c.name).join(" ")} ${globals.join(" ")}" -- "$cur"))
    return
  fi
  case "$cmd" in
${cases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur") $(compgen -d -- "$cur"))
  fi
}
complete -o filenames -o bashdefault -F _outage_sim outage-sim
`;
}

function zsh(program: Command): string {
  const { commands, globals } = wordsOf(program);
  const described = program.commands.map((c) => `    '${c.name()}:${c.description().replace(/'/g, "'\\''").replace(/:/g, "\\:")}'`).join("\n");
  const cases = commands.map((c) => `    ${c.name}) _arguments '*:file:_files' ${c.options.map((o) => `'${o}'`).join(" ")} ;;`).join("\n");
  return `#compdef outage-sim
# zsh completion for outage-sim: outage-sim completion zsh > "\${fpath[1]}/_outage-sim", then restart zsh
_outage_sim() {
  local -a commands
  commands=(
${described}
  )
  if (( CURRENT == 2 )); then
    _describe 'command' commands
    _values 'option' ${globals.map((g) => `'${g}'`).join(" ")}
    return
  fi
  case "\${words[2]}" in
${cases}
  esac
}
_outage_sim "$@"
`;
}

function fish(program: Command): string {
  const lines = ["# fish completion for outage-sim: outage-sim completion fish > ~/.config/fish/completions/outage-sim.fish", "complete -c outage-sim -f"];
  const names = program.commands.map((c) => c.name()).join(" ");
  for (const c of program.commands) lines.push(`complete -c outage-sim -n "not __fish_seen_subcommand_from ${names}" -a ${c.name()} -d '${c.description().replace(/'/g, "\\'")}'`);
  for (const c of program.commands) {
    for (const o of c.options) {
      if (o.long === undefined) continue;
      const takesFile = FILE_OPTIONS.includes(o.long) ? " -r -F" : o.required || o.optional ? " -r" : "";
      lines.push(`complete -c outage-sim -n "__fish_seen_subcommand_from ${c.name()}" -l ${o.long.slice(2)}${o.short !== undefined ? ` -s ${o.short.slice(1)}` : ""}${takesFile} -d '${o.description.replace(/'/g, "\\'")}'`);
    }
    lines.push(`complete -c outage-sim -n "__fish_seen_subcommand_from ${c.name()}" -F`);
  }
  lines.push(`complete -c outage-sim -s V -l version -d 'print the version'`, `complete -c outage-sim -s h -l help -d 'show help'`);
  return `${lines.join("\n")}\n`;
}

const SHELLS = { bash, zsh, fish } as const;

/** `completion bash|zsh|fish`: prints a completion script for the shell, built from the commands and options themselves. */
export function registerCompletion(program: Command, context: CommandContext): void {
  program
    .command("completion")
    .description("print a shell completion script: bash, zsh or fish")
    .argument("<shell>", "bash, zsh or fish", (value: string) => {
      if (!(value in SHELLS)) throw new InvalidArgumentError("the shell is bash, zsh or fish, e.g. outage-sim completion bash.");
      return value as keyof typeof SHELLS;
    })
    .option("--out <file>", "write the script to this file (atomically) instead of stdout")
    .action((shell: keyof typeof SHELLS, opts: { out?: string }) => {
      emit(SHELLS[shell](program), opts.out, context.streams);
    });
}
