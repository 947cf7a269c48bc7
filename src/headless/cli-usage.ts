/** The CLI's usage text: one block per command, so `corelab run --help` shows only run's. */
import { MESSAGE_MODEL_IDS } from '../shared/messages/message-cost';
import { MODEL_IDS, MODELS } from '../shared/models';
import { WORKLOADS } from '../shared/workloads/registry';

/** The commands `corelab` knows, in the order the usage lists them. */
export const COMMANDS = [
  'info',
  'run',
  'sweep',
  'fit',
  'snapshots',
  'monitor',
  'messages',
  'pipeline',
  'live',
  'serve',
] as const;

export type CommandName = (typeof COMMANDS)[number];

/** True when `name` is one of the commands. */
export function isCommand(name: string | undefined): name is CommandName {
  return (COMMANDS as readonly (string | undefined)[]).includes(name);
}

/** "Label:    a, b, c", wrapped at 88 columns under the first name, then a note line. */
function nameList(label: string, names: readonly string[], note?: string): string {
  const indent = ' '.repeat(11);
  const lines = [`${`${label}:`.padEnd(11)}`];
  names.forEach((name, i) => {
    const item = i < names.length - 1 ? `${name},` : name;
    const last = lines.length - 1;
    const line = lines[last]!;
    if (line.trim().length > label.length + 1 && line.length + 1 + item.length > 88) {
      lines[last] = line.trimEnd();
      lines.push(`${indent}${item}`);
    } else {
      lines[last] = line.endsWith(' ') ? `${line}${item}` : `${line} ${item}`;
    }
  });
  if (note) lines.push(`${indent}${note}`);
  return `${lines.join('\n')}\n`;
}

/** The models a command line can run: Node's and Python's (Electron's and the page's cannot). */
const CLI_MODEL_IDS = MODEL_IDS.filter((id) => ['node', 'python'].includes(MODELS[id].runtime));

const WORKLOAD_LIST = nameList(
  'Workloads',
  WORKLOADS.map((w) => w.id),
);
const MODEL_LIST = nameList(
  'Models',
  CLI_MODEL_IDS,
  '(Python 3.8+: python3 on PATH, or CORELAB_PYTHON=/path/to/python)',
);
const LIVE_MODEL_LIST = nameList('Models', CLI_MODEL_IDS, '(pools that resize while they run)');

/** Each command's lines in the usage, and the lists of names it takes. */
const COMMAND_USAGE: Record<CommandName, { lines: string; lists: string[] }> = {
  info: {
    lines: `  info [--json]                         this machine: CPU, cores, memory, OS
`,
    lists: [],
  },
  run: {
    lines: `  run --workload W --models a,b,c [--workers N[,M…]] [--tasks T] [--param k=v]… [--json]
      [--on-failure continue|fail-fast] [--task-timeout MS] [--memory-limit MIB]
      [--rounds R] [--target-s S] [--other-load-limit CORES] [--save NAME [--note TEXT]]
                                        compare models on one workload; the size is
                                        calibrated to about S s (2) for the slowest model
                                        unless --tasks/--param set it; R rounds (1)
  run --config FILE [--max-workers K] [--json] [--save NAME [--note TEXT]]
                                        the run a JSON file describes, as run --json
                                        prints it under "config"; a key it does not
                                        know is refused by name
`,
    lists: [WORKLOAD_LIST, MODEL_LIST],
  },
  sweep: {
    lines: `  sweep --workload W --model M --max-workers K [--tasks T] [--param k=v]… [--json]
      [--rounds R] [--target-s S] [--other-load-limit CORES] [--save NAME [--note TEXT]]
                                        one model at 1..K workers: speedup and fits,
                                        R rounds per point (3)
`,
    lists: [WORKLOAD_LIST, MODEL_LIST],
  },
  fit: {
    lines: `  fit FILE [--json]                     Amdahl and USL fits of a CSV with a header row and
                                        columns workers,throughput (or workers,wallMs)
`,
    lists: [],
  },
  snapshots: {
    lines: `  snapshots list [--json]               saved snapshots (a bad file is listed with its error)
  snapshots show NAME [--json]          one snapshot: host, configuration, results
  snapshots export NAME --format json|csv|trace [--out FILE]
                                        as JSON, CSV (a row per result) or a Chrome trace
  snapshots import FILE                 add a snapshot file (checked first; never overwrites)
  snapshots delete NAME
  snapshots compare A B [C…] [--json]   throughput per model side by side, and the ratios
`,
    lists: [],
  },
  monitor: {
    lines: `  monitor [--hz H] [--duration S] [--json]
                                        per-core utilisation, live
`,
    lists: [],
  },
  messages: {
    lines: `  messages [--models a,b] [--sizes LIST|FROM..TO] [--json]
                                        what a message costs: round trips parent ↔ one
                                        worker per model and way of passing data, 8 B to
                                        64 MiB (sizes like 8,32KiB,64MiB or 1KiB..4MiB),
                                        and from which size sharing beats copying
`,
    lists: [nameList('Models', MESSAGE_MODEL_IDS)],
  },
  pipeline: {
    lines: `  pipeline --model M [--producers P] [--consumers C] [--interval-ms I] [--capacity Q]
           [--work W] [--duration S] [--seed N] [--json] [--save NAME [--note TEXT]]
                                        producers → bounded queue → consumers; totals,
                                        throughput, latency (Ctrl+C drains, twice forces)
`,
    lists: [MODEL_LIST],
  },
  live: {
    lines: `  live --model M [--workload cpu.primes] [--workers N | --from 1 --to K [--step-s S]]
           [--task-us U] [--duration-s D] [--param k=v]… [--json] [--save NAME [--note TEXT]]
                                        one warm pool on endless tasks of about U µs (1000):
                                        throughput per step; a ramp steps 1..K workers, S s
                                        each (2), with the fits; otherwise until D s or Ctrl+C
`,
    lists: [LIVE_MODEL_LIST],
  },
  serve: {
    lines: `  serve [--port P] [--host 127.0.0.1] [--origin http://NAME:PORT]…
                                        browser mode: the Corelab UI at a local URL;
                                        --host 0.0.0.0 serves this machine's addresses,
                                        --origin adds a DNS name the browser will use
`,
    lists: [],
  },
};

/** Every command, and how to get one command's usage or the version. */
export const USAGE = `Usage: corelab <command> [options]

Commands:
${COMMANDS.map((command) => COMMAND_USAGE[command].lines).join('')}
  corelab <command> --help              that command's usage
  corelab --version                     the version

${WORKLOAD_LIST}${MODEL_LIST}`;

/** One command's usage, with the lists of workloads and models it takes. */
export function commandUsage(command: CommandName): string {
  const { lines, lists } = COMMAND_USAGE[command];
  return `Usage:\n${lines}${lists.length > 0 ? `\n${lists.join('')}` : ''}`;
}
