/** Terminal output: aligned tables and a one-line progress bar. */

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
