/**
 * Shell completion scripts for bash and zsh, generated from the command table. Resource names
 * come from the server through the hidden `podyard __complete TYPE` (one cheap list request).
 */
import type { Command } from './command.js';
import { connectionFlags } from './command.js';

const resourceVerbs = ['get', 'describe', 'delete', 'wait', 'expose'];
const podVerbs = ['logs', 'exec', 'port-forward', 'cp', 'top'];
const types = 'pods services configmaps secrets namespaces nodes events serviceaccounts endpoints endpointslices';

function flagWords(cmd: Command): string {
  return [...cmd.flags, ...(cmd.client === false ? [] : connectionFlags)]
    .filter((f) => !f.hidden)
    .flatMap((f) => [`--${f.name}`, ...(f.short ? [`-${f.short}`] : [])])
    .join(' ');
}

/** The bash completion script (`source <(podyard completion bash)`). */
export function bashCompletion(commands: Command[], extra: string[]): string {
  const names = [...commands.map((c) => c.name), ...extra].join(' ');
  const flagCases = commands.map((c) => `    ${c.name}) flags="${flagWords(c)}" ;;`).join('\n');
  return `# bash completion for podyard                               -*- shell-script -*-
# Load with: source <(podyard completion bash)
__podyard_names() {
  podyard __complete "$@" 2>/dev/null
}
_podyard() {
  local cur prev cmd flags i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [[ \${COMP_CWORD} -eq 1 ]]; then
    COMPREPLY=( $(compgen -W "${names}" -- "\${cur}") )
    return 0
  fi
  cmd="\${COMP_WORDS[1]}"
  case "\${cmd}" in
${flagCases}
    completion) COMPREPLY=( $(compgen -W "bash zsh" -- "\${cur}") ); return 0 ;;
    *) flags="" ;;
  esac
  case "\${prev}" in
    -f|--filename) COMPREPLY=( $(compgen -f -- "\${cur}") ); return 0 ;;
    -n|--namespace) COMPREPLY=( $(compgen -W "$(__podyard_names namespaces)" -- "\${cur}") ); return 0 ;;
    -c|--container) COMPREPLY=( $(compgen -W "$(__podyard_names containers "\${COMP_WORDS[2]}")" -- "\${cur}") ); return 0 ;;
    --data-dir|--kubeconfig) COMPREPLY=( $(compgen -f -- "\${cur}") ); return 0 ;;
  esac
  if [[ "\${cur}" == -* ]]; then
    COMPREPLY=( $(compgen -W "\${flags}" -- "\${cur}") )
    return 0
  fi
  local args=()
  for ((i = 2; i < COMP_CWORD; i++)); do
    [[ "\${COMP_WORDS[i]}" == -* ]] || args+=("\${COMP_WORDS[i]}")
  done
  case "\${cmd}" in
    ${resourceVerbs.join('|')})
      if [[ \${#args[@]} -eq 0 ]]; then
        COMPREPLY=( $(compgen -W "${types}" -- "\${cur}") )
      else
        COMPREPLY=( $(compgen -W "$(__podyard_names "\${args[0]}")" -- "\${cur}") )
      fi ;;
    ${podVerbs.join('|')})
      COMPREPLY=( $(compgen -W "$(__podyard_names pods)" -- "\${cur}") ) ;;
    up|down|apply|create)
      COMPREPLY=( $(compgen -f -- "\${cur}") ) ;;
  esac
  return 0
}
complete -o default -F _podyard podyard
`;
}

/** The zsh completion script (`source <(podyard completion zsh)`, or save as `_podyard` in $fpath). */
export function zshCompletion(commands: Command[], extra: string[]): string {
  const described = [...commands.map((c) => `'${c.name}:${c.summary.replace(/'/g, "'\\''").replace(/:/g, '\\:')}'`), ...extra.map((e) => `'${e}:podyard ${e}'`)].join(' \\\n    ');
  const flagCases = commands.map((c) => `    ${c.name}) flags=(${flagWords(c)}) ;;`).join('\n');
  return `#compdef podyard
# zsh completion for podyard. Load with: source <(podyard completion zsh)
_podyard() {
  local -a cmds flags names args
  local cmd cur prev
  cmds=(
    ${described}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands 'podyard command' cmds
    return
  fi
  cmd=\${words[2]}
  cur=\${words[CURRENT]}
  prev=\${words[CURRENT-1]}
  case $cmd in
${flagCases}
    completion) compadd bash zsh; return ;;
  esac
  case $prev in
    -f|--filename|--data-dir|--kubeconfig) _files; return ;;
    -n|--namespace) compadd -- \${(f)"$(podyard __complete namespaces 2>/dev/null)"}; return ;;
    -c|--container) compadd -- \${(f)"$(podyard __complete containers \${words[3]} 2>/dev/null)"}; return ;;
  esac
  if [[ $cur == -* ]]; then
    compadd -- $flags
    return
  fi
  args=(\${\${words[3,CURRENT-1]}:#-*})
  case $cmd in
    ${resourceVerbs.join('|')})
      if (( \${#args} == 0 )); then
        compadd -- ${types}
      else
        compadd -- \${(f)"$(podyard __complete \${args[1]} 2>/dev/null)"}
      fi ;;
    ${podVerbs.join('|')})
      compadd -- \${(f)"$(podyard __complete pods 2>/dev/null)"} ;;
    up|down|apply|create) _files ;;
  esac
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  _podyard "$@"
else
  compdef _podyard podyard
fi
`;
}
