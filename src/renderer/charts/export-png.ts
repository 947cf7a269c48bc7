/**
 * Renders a part of the page to a PNG, without a library: the recharts SVGs (with their
 * computed colours inlined, since an SVG drawn as an image sees no page CSS), the canvases
 * (worker timeline, core strips), the coloured keys and labels, and every visible word of
 * text at its place on the page. Borders, shadows, table rules and buttons are left out.
 */

/** Presentation properties an SVG needs inlined to look as it does on the page. */
const SVG_STYLE_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-opacity',
  'opacity',
  'font-family',
  'font-size',
  'font-weight',
  'text-anchor',
  'dominant-baseline',
  'visibility',
] as const;

/** A copy of `svg` with the computed style of each element written into it. */
function inlineSvg(svg: SVGSVGElement, width: number, height: number): string {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...svg.querySelectorAll('*')];
  const copies = [clone, ...clone.querySelectorAll('*')];
  originals.forEach((original, index) => {
    const copy = copies[index];
    if (!copy) return;
    const computed = getComputedStyle(original);
    const style = SVG_STYLE_PROPERTIES.map(
      (name) => `${name}:${computed.getPropertyValue(name)}`,
    ).join(';');
    copy.setAttribute('style', style);
  });
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  return new XMLSerializer().serializeToString(clone);
}

function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('a chart could not be drawn as an image'));
    image.src = url;
  });
}

/** Applies CSS text-transform, which the canvas does not know. */
function transformed(text: string, transform: string): string {
  if (transform === 'uppercase') return text.toUpperCase();
  if (transform === 'lowercase') return text.toLowerCase();
  return text;
}

/**
 * Draws every visible word of text under `root`, in its own font and colour. Controls
 * (buttons, inputs) are left out: a picture has nothing to press. The labels of a segmented
 * switch stay, since they name what the chart beside them shows (and their dots are drawn).
 */
function drawText(context: CanvasRenderingContext2D, root: HTMLElement, origin: DOMRect): void {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  const put = (text: string, box: DOMRect): void => {
    if (box.width > 0) {
      context.fillText(text, box.left - origin.left, box.top - origin.top + box.height / 2);
    }
  };
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    // SVG text is part of the SVG image; hidden text (visually-hidden captions) stays hidden.
    if (!parent || parent.closest('svg, summary, select, textarea, .visually-hidden')) continue;
    if (parent.closest('button') && !parent.closest('.segmented')) continue;
    if (!parent.checkVisibility()) continue;
    const style = getComputedStyle(parent);
    context.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    context.fillStyle = style.color;
    context.textBaseline = 'middle';
    const text = node.textContent ?? '';
    for (const match of text.matchAll(/\S+/g)) {
      const start = match.index;
      range.setStart(node, start);
      range.setEnd(node, start + match[0].length);
      if (range.getClientRects().length <= 1) {
        put(transformed(match[0], style.textTransform), range.getBoundingClientRect());
        continue;
      }
      // The word wraps (at a hyphen, say): place each of its characters on its own line.
      for (let i = 0; i < match[0].length; i++) {
        range.setStart(node, start + i);
        range.setEnd(node, start + i + 1);
        put(transformed(match[0][i]!, style.textTransform), range.getBoundingClientRect());
      }
    }
  }
}

/** Draws the legend keys and model dots, which are plain HTML boxes beside the charts. */
function drawSwatches(context: CanvasRenderingContext2D, root: HTMLElement, origin: DOMRect): void {
  const boxes = root.querySelectorAll<HTMLElement>('.legend-swatch, .model-dot, .host-card-label');
  for (const element of boxes) {
    const box = element.getBoundingClientRect();
    if (box.width === 0) continue;
    const style = getComputedStyle(element);
    const x = box.left - origin.left;
    const y = box.top - origin.top;
    if (style.backgroundColor !== 'rgba(0, 0, 0, 0)') {
      context.fillStyle = style.backgroundColor;
      context.beginPath();
      context.roundRect(x, y, box.width, box.height, parseFloat(style.borderTopLeftRadius) || 0);
      context.fill();
    } else {
      // A dashed key (a fitted or ideal curve): its border is the line.
      context.strokeStyle = style.borderTopColor;
      context.lineWidth = 2;
      context.setLineDash([3, 2]);
      context.beginPath();
      context.moveTo(x, y + 1);
      context.lineTo(x + box.width, y + 1);
      context.stroke();
      context.setLineDash([]);
    }
  }
}

const CAPTION_LINE_PX = 20;
const CAPTION_PADDING_PX = 12;

/** Writes the caption lines (the first bold) at the top, in the page's text colour and font. */
function drawCaption(context: CanvasRenderingContext2D, root: HTMLElement, lines: string[]): void {
  const style = getComputedStyle(root);
  context.fillStyle = style.getPropertyValue('--text').trim() || style.color;
  context.textBaseline = 'middle';
  lines.forEach((line, index) => {
    const weight = index === 0 ? 700 : 400;
    context.font = `${weight} ${index === 0 ? 15 : 13}px ${style.fontFamily}`;
    context.fillText(
      line,
      CAPTION_PADDING_PX,
      CAPTION_PADDING_PX + (index + 0.5) * CAPTION_LINE_PX,
    );
  });
}

/**
 * Renders `root` (as laid out now) to a PNG blob on `background`, under `caption` lines
 * (what the picture is of, e.g. the snapshot's name and host) when given.
 */
export async function elementToPng(
  root: HTMLElement,
  background: string,
  caption: string[] = [],
): Promise<Blob> {
  const origin = root.getBoundingClientRect();
  const captionPx =
    caption.length > 0 ? caption.length * CAPTION_LINE_PX + 2 * CAPTION_PADDING_PX : 0;
  const scale = Math.min(2, window.devicePixelRatio || 1);
  const canvas = document.createElement('canvas');
  canvas.width = Math.ceil(origin.width * scale);
  canvas.height = Math.ceil((origin.height + captionPx) * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('this browser cannot draw to a canvas');
  context.scale(scale, scale);
  context.fillStyle = background;
  context.fillRect(0, 0, origin.width, origin.height + captionPx);
  drawCaption(context, root, caption);
  context.translate(0, captionPx);

  for (const svg of root.querySelectorAll<SVGSVGElement>('svg.recharts-surface')) {
    const box = svg.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    const xml = inlineSvg(svg, box.width, box.height);
    const image = await loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`);
    context.drawImage(image, box.left - origin.left, box.top - origin.top, box.width, box.height);
  }
  for (const source of root.querySelectorAll('canvas')) {
    const box = source.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || source.width === 0) continue;
    context.drawImage(source, box.left - origin.left, box.top - origin.top, box.width, box.height);
  }
  drawSwatches(context, root, origin);
  drawText(context, root, origin);

  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) => (blob ? resolve(blob) : reject(new Error('the PNG could not be encoded'))),
      'image/png',
    ),
  );
}
