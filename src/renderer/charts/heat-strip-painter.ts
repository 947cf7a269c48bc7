/**
 * Draws the per-core heat strip incrementally. The strip's pixels live in a small
 * off-screen canvas, one pixel per core per time slot, used as a ring: a new sample writes
 * one 1 × cores column with putImageData, and a frame scales the ring onto the visible
 * canvas with two drawImage calls. The cost per sample is one column, not the whole chart,
 * whatever the number of cores; that is what keeps 128 cores at 10 Hz cheap.
 */
import type { CoreHistory } from '../state/core-history';
import { heatLut, occupantLut, otherLoadLut, type Theme } from './heat-palette';
import { MODELS } from '../../shared/models';

/** What a cell's colour says: how busy the core was, or whose worker ran on it (and how busy). */
export type StripColouring = 'utilisation' | 'model';

export interface HeatStripOptions {
  /** Time shown, newest sample at the right edge. */
  windowMs: number;
  /** Time one column stands for; samples in the same slot overwrite each other. */
  slotMs: number;
}

/** Gaps up to this long are filled by the sample that ends them; longer ones stay blank. */
const MAX_FILL_MS = 1000;

/** Paints one CoreHistory as a strip of rows (cores) × columns (time slots). */
export class HeatStripPainter {
  readonly columns: number;
  private readonly ring: HTMLCanvasElement;
  private readonly ringContext: CanvasRenderingContext2D;
  private column: ImageData;
  private pixels: Uint32Array;
  private lut: Uint32Array;
  private colouring: StripColouring = 'utilisation';
  /** Per occupant code (CoreHistory), its model's scale; index 0 is the grey of no occupant. */
  private occupantLuts: Uint32Array[] = [];
  private theme: Theme;
  /** Slot of the newest sample drawn, or null before the first. */
  private newestSlot: number | null = null;
  private rows: number;

  constructor(
    private readonly history: CoreHistory,
    private readonly options: HeatStripOptions,
    theme: Theme,
  ) {
    this.columns = Math.max(1, Math.ceil(options.windowMs / options.slotMs));
    this.rows = history.cores;
    this.ring = document.createElement('canvas');
    this.ring.width = this.columns;
    this.ring.height = this.rows;
    const context = this.ring.getContext('2d');
    if (!context) throw new Error('no 2D canvas context for the core chart');
    this.ringContext = context;
    this.column = this.ringContext.createImageData(1, this.rows);
    this.pixels = new Uint32Array(this.column.data.buffer);
    this.theme = theme;
    this.lut = heatLut(theme);
  }

  /** Switches palette and redraws what the history still holds. */
  setTheme(theme: Theme): void {
    this.theme = theme;
    this.lut = heatLut(theme);
    this.occupantLuts = [];
    this.rebuild();
  }

  /** Colours cells by utilisation or by occupying model, and redraws the window. */
  setColouring(colouring: StripColouring): void {
    if (colouring === this.colouring) return;
    this.colouring = colouring;
    this.rebuild();
  }

  /** Redraws the ring from the history (first paint, a theme change, a new core count). */
  rebuild(): void {
    if (this.rows !== this.history.cores) {
      this.rows = this.history.cores;
      this.ring.height = this.rows;
      this.column = this.ringContext.createImageData(1, this.rows);
      this.pixels = new Uint32Array(this.column.data.buffer);
    }
    this.ringContext.clearRect(0, 0, this.columns, this.rows);
    this.newestSlot = null;
    const last = this.history.lastIndex;
    if (last < 0) return;
    const from = this.history.indexAtOrAfter(this.history.timeAt(last) - this.options.windowMs);
    for (let i = from; i <= last; i++) this.add(i);
  }

  /** Writes sample `index` of the history into its column. */
  add(index: number): void {
    if (this.history.cores !== this.rows) {
      this.rebuild();
      return;
    }
    const slot = Math.floor(this.history.timeAt(index) / this.options.slotMs);
    const row = this.history.rowAt(index);
    if (this.colouring === 'model') {
      for (let core = 0; core < this.rows; core++) {
        const lut = this.occupantLutOf(this.history.occupantCodeAt(index, core));
        this.pixels[core] = lut[Math.min(100, row[core]!)]!;
      }
    } else {
      for (let core = 0; core < this.rows; core++) {
        this.pixels[core] = this.lut[Math.min(100, row[core]!)]!;
      }
    }
    let firstSlot = slot;
    if (this.newestSlot !== null) {
      if (slot <= this.newestSlot - this.columns) return; // older than the window
      const gap = slot - this.newestSlot - 1;
      if (gap > 0 && gap * this.options.slotMs <= MAX_FILL_MS) {
        // A sample is the average since the previous one: when jitter skips a slot or two,
        // this sample covers them.
        firstSlot = this.newestSlot + 1;
      } else if (gap > 0) {
        // A real pause (the sampler stopped, the page was hidden) stays blank rather than
        // repeating old data.
        const gapEnd = Math.min(slot, this.newestSlot + 1 + this.columns);
        for (let s = this.newestSlot + 1; s < gapEnd; s++) {
          this.ringContext.clearRect(this.columnOf(s), 0, 1, this.rows);
        }
      }
    }
    for (let s = firstSlot; s <= slot; s++) {
      this.ringContext.putImageData(this.column, this.columnOf(s), 0);
    }
    if (this.newestSlot === null || slot > this.newestSlot) this.newestSlot = slot;
  }

  /**
   * Scales the ring onto `target` (device pixels), oldest slot at the left. Rows get a
   * one-pixel gap when they are tall enough to spare it, so neighbouring cores read apart.
   */
  paint(target: CanvasRenderingContext2D, width: number, height: number, gapColor: string): void {
    target.clearRect(0, 0, width, height);
    if (this.newestSlot === null) return;
    target.imageSmoothingEnabled = false;
    const oldest = this.columnOf(this.newestSlot + 1);
    const scale = width / this.columns;
    const headWidth = this.columns - oldest;
    if (headWidth > 0) {
      target.drawImage(this.ring, oldest, 0, headWidth, this.rows, 0, 0, headWidth * scale, height);
    }
    if (oldest > 0) {
      target.drawImage(
        this.ring,
        0,
        0,
        oldest,
        this.rows,
        headWidth * scale,
        0,
        oldest * scale,
        height,
      );
    }
    const rowHeight = height / this.rows;
    if (rowHeight >= 6) {
      target.fillStyle = gapColor;
      for (let core = 1; core < this.rows; core++) {
        target.fillRect(0, Math.round(core * rowHeight) - 1, width, 1);
      }
    }
  }

  /** Maps a pointer position (fractions of the strip) to the core and sample under it. */
  pick(
    xFraction: number,
    yFraction: number,
  ): { core: number; index: number | null; ageMs: number } | null {
    if (this.newestSlot === null) return null;
    const core = Math.min(this.rows - 1, Math.max(0, Math.floor(yFraction * this.rows)));
    const slotsBack = this.columns - 1 - Math.floor(xFraction * this.columns);
    const slot = this.newestSlot - slotsBack;
    const index = this.history.indexAtOrAfter(slot * this.options.slotMs);
    const isInSlot =
      index <= this.history.lastIndex &&
      Math.floor(this.history.timeAt(index) / this.options.slotMs) === slot;
    return { core, index: isInSlot ? index : null, ageMs: slotsBack * this.options.slotMs };
  }

  /** The scale for an occupant code, built once per code (a few per run). */
  private occupantLutOf(code: number): Uint32Array {
    let lut = this.occupantLuts[code];
    if (!lut) {
      const occupant = this.history.occupantOfCode(code);
      lut = occupant
        ? occupantLut(this.theme, MODELS[occupant.model].colour)
        : otherLoadLut(this.theme);
      this.occupantLuts[code] = lut;
    }
    return lut;
  }

  private columnOf(slot: number): number {
    return ((slot % this.columns) + this.columns) % this.columns;
  }
}
