/** Terminal output: aligned tables, a one-line progress bar, and text made safe to print. */
import { FORBIDDEN_TEXT } from '../shared/snapshot';

/** What a snapshot may not hold: controls but newline and tab, C1 and the bidi overrides. */
const UNPRINTABLE = new RegExp(FORBIDDEN_TEXT.source, 'g');

/**
 * `text` with every control character written out (ESC as `\x1b`, U+202E as `\u202e`), so
 * text from a file or a worker cannot move the cursor, clear the screen or retitle the
 * window (issue 14). Newlines and tabs stay: the CLI's own layout uses them.
 */
export function terminalSafe(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const code = char.charCodeAt(0);
    return code <= 0xff
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Renders rows as a table with a header rule; numbers right-aligned. */
export function renderTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const isNumeric = header.map((_, i) => rows.every((r) => /^[-\d.,]+\s?\S*$/.test(r[i] ?? '')));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (isNumeric[i] ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** A progress line redrawn in place on a TTY; silent elsewhere. */
export function createProgressBar(stream: NodeJS.WriteStream): {
  update(label: string, done: number, total: number): void;
  clear(): void;
} {
  let isDrawn = false;
  return {
    update(label, done, total) {
      if (!stream.isTTY) return;
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : 0;
      const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
      stream.write(`\r\x1b[2K${label.padEnd(16)} ${bar} ${done}/${total}`);
      isDrawn = true;
    },
    clear() {
      if (isDrawn) stream.write('\r\x1b[2K');
      isDrawn = false;
    },
  };
}
