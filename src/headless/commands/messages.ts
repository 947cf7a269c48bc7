/** `corelab messages`: what a message costs, per model, way of passing data and size. */
import { formatBytes, formatMs } from '../../shared/format';
import {
  MESSAGE_MODE_LABELS,
  messageModelSchema,
  type MessageOptions,
  type MessageTable,
} from '../../shared/messages/message-cost';
import {
  controlRatios,
  controlSentence,
  crossoverSentence,
  measuredSizes,
} from '../../shared/messages/message-crossover';
import { parseMessageSizes } from '../../shared/messages/message-sizes';
import { parseFlags, UsageError } from '../cli-args';
import { createProgressBar, renderTable, terminalSafe } from '../tty';
import { openEngineSession } from './engine-session';

/** Reads --models and --sizes into the explorer's options. */
function messageOptions(values: Record<string, string | boolean | undefined>): MessageOptions {
  const options: MessageOptions = {};
  if (typeof values.models === 'string') {
    options.models = [...new Set(values.models.split(','))].map((name) => {
      const parsed = messageModelSchema.safeParse(name.trim());
      if (!parsed.success) {
        throw new UsageError(
          `--models: "${name}" must be one of ${messageModelSchema.options.join(', ')}`,
        );
      }
      return parsed.data;
    });
  }
  if (typeof values.sizes === 'string') options.sizes = parseMessageSizes(values.sizes);
  return options;
}

/** Measures and prints the table (or the JSON document with --json). */
export async function messagesCommand(argv: string[]): Promise<number> {
  const { values } = parseFlags(argv, {
    models: { type: 'string' },
    sizes: { type: 'string' },
    json: { type: 'boolean' },
  });
  const options = messageOptions(values);
  const session = openEngineSession();
  const progress = createProgressBar(process.stderr);
  try {
    const report = await session.engine
      .messages(options, {
        signal: session.signal,
        onProgress: ({ row, done, total }) => progress.update(row.model, done, total),
      })
      .catch((error: unknown) => {
        // Ctrl+C ends the measurement: exit as the signal asks, not as a failure.
        if (session.isInterrupted()) return null;
        throw error;
      });
    progress.clear();
    if (!report) return session.interruptedExitCode();
    for (const { model, reason } of report.unavailable) {
      process.stderr.write(`${model}: not measured: ${terminalSafe(reason)}\n`);
    }
    if (values.json) {
      const table: MessageTable = { rows: report.rows, crossovers: report.crossovers };
      process.stdout.write(`${JSON.stringify(table, null, 2)}\n`);
      return 0;
    }
    const sizes = measuredSizes(report.rows);
    const control = controlSentence(controlRatios(report.rows));
    process.stdout.write(
      [
        renderTable(
          ['model', 'way of passing data', 'size', 'round trip p50', 'p99', 'MB/s'],
          report.rows.map((row) => [
            row.model,
            MESSAGE_MODE_LABELS[row.mode],
            formatBytes(row.bytes),
            formatMs(row.roundTripMsP50),
            formatMs(row.roundTripMsP99),
            row.mbPerSec.toFixed(1),
          ]),
        ),
        '',
        ...report.crossovers.map((crossover) => crossoverSentence(crossover, sizes)),
        ...(control ? [control] : []),
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    progress.clear();
    await session.close();
  }
}
