// `node scripts/make-icons.mjs`: renders build/icon.svg into every icon the installers use,
// and writes them under build/ (committed, so packaging needs no rendering step):
//   build/icons/<N>x<N>.png  Linux (AppImage, deb), 16 to 1024
//   build/icon.ico           Windows (app and NSIS installer)
//   build/icon.icns          macOS (app and dmg)
// Rendering uses a headless Chromium through playwright-core, drawing the SVG at each size
// (not scaling one bitmap down). CHROMIUM_PATH overrides the browser; default /usr/bin/chromium.
// The SVG is drawn on macOS's icon grid (the plate inset in a 1024 canvas); Windows and Linux
// show icons edge to edge, so their images crop the canvas to the plate.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { ICNS_TYPES, ICO_SIZES, bmpIconEntry, icnsFile, icoFile } from './icon-containers.mjs';

const root = path.resolve(fileURLToPath(import.meta.url), '../..');
const buildDir = path.join(root, 'build');
const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];

/** Draws `svg` at each size in Chromium; returns each size's PNG and straight-alpha RGBA. */
async function render(svg, sizes) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
    ],
  });
  try {
    const page = await browser.newPage();
    const images = await page.evaluate(
      // Runs in the page, where Image and document are the browser's.
      /* global Image, document */
      async ({ source, sizes: wanted }) => {
        const image = new Image();
        image.src = `data:image/svg+xml;base64,${btoa(source)}`;
        await image.decode();
        const out = [];
        for (const size of wanted) {
          const canvas = document.createElement('canvas');
          canvas.width = size;
          canvas.height = size;
          const context = canvas.getContext('2d');
          context.imageSmoothingQuality = 'high';
          context.drawImage(image, 0, 0, size, size);
          const rgba = context.getImageData(0, 0, size, size, { colorSpace: 'srgb' }).data;
          let binary = '';
          for (let i = 0; i < rgba.length; i += 0x8000) {
            binary += String.fromCharCode(...rgba.subarray(i, i + 0x8000));
          }
          out.push({
            size,
            png: canvas.toDataURL('image/png').split(',')[1],
            rgba: btoa(binary),
          });
        }
        return out;
      },
      { source: svg, sizes },
    );
    return new Map(
      images.map(({ size, png, rgba }) => [
        size,
        { png: Buffer.from(png, 'base64'), rgba: Buffer.from(rgba, 'base64') },
      ]),
    );
  } finally {
    await browser.close();
  }
}

/** The plate's bounds in icon.svg plus a few units, so its antialiased edge survives. */
const PLATE_VIEW_BOX = '92 92 840 840';

const svg = readFileSync(path.join(buildDir, 'icon.svg'), 'utf8');
const macImages = await render(svg, PNG_SIZES);
const images = await render(
  svg.replace(/viewBox="[^"]*"/, `viewBox="${PLATE_VIEW_BOX}"`),
  PNG_SIZES,
);

mkdirSync(path.join(buildDir, 'icons'), { recursive: true });
for (const size of PNG_SIZES) {
  writeFileSync(path.join(buildDir, 'icons', `${size}x${size}.png`), images.get(size).png);
}
writeFileSync(
  path.join(buildDir, 'icon.ico'),
  icoFile(
    ICO_SIZES.map((size) => ({
      size,
      data: size >= 256 ? images.get(size).png : bmpIconEntry(size, images.get(size).rgba),
    })),
  ),
);
writeFileSync(
  path.join(buildDir, 'icon.icns'),
  icnsFile(ICNS_TYPES.map(([type, size]) => ({ type, png: macImages.get(size).png }))),
);
console.log(
  `icons written to ${path.relative(root, buildDir)}/: ${PNG_SIZES.join(', ')} px, .ico, .icns`,
);
