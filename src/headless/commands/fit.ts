/** `corelab fit FILE`: the scaling fits of anyone's measurements, from a CSV file. */
import { readFile, stat } from 'node:fs/promises';
import { errorMessage, invalidArgument } from '../../shared/errors';
import { fitScaling } from '../../shared/stats/scaling';
import { checkScalingCsvSize, parseScalingCsv } from '../../shared/stats/scaling-csv';
import { parseFlags, UsageError } from '../cli-args';
import { renderFitReport } from './fit-report';

/** Fits the file's observations and prints the fits and sentences, or JSON with --json. */
export async function fitCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' } }, true);
  const [file, ...others] = positionals;
  if (!file || others.length > 0) throw new UsageError('fit takes exactly one FILE');
  let text: string;
  try {
    // Checked before reading, so a 100 MB file is refused without being loaded.
    checkScalingCsvSize((await stat(file)).size, file);
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && typeof error.code === 'string') {
      throw invalidArgument(file, `cannot be read: ${errorMessage(error)}`);
    }
    throw error;
  }
  const fit = fitScaling(parseScalingCsv(text, file));
  process.stdout.write(values.json ? `${JSON.stringify(fit, null, 2)}\n` : renderFitReport(fit));
  return 0;
}
