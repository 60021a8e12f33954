/**
 * Writes the installable app's icons (public/icons/*.png) from app/icon.svg, the same mark as the
 * browser tab's icon. Run again after changing the mark: `node scripts/make-app-icons.mjs`.
 * The maskable icon fills the whole square with the calm green and keeps the mark inside the
 * central safe zone, because phones cut it to a circle or a rounded square of their own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const mark = readFileSync(path.join(root, 'app', 'icon.svg'));
const maskable = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" fill="#0f766e"/>' +
    '<g transform="translate(16 16) scale(0.62) translate(-16 -16)"><path d="M9 21V11l7 6 7-6v10" fill="none" stroke="#fff" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/></g></svg>',
);

for (const [name, svg, size] of [
  ['icon-192.png', mark, 192],
  ['icon-512.png', mark, 512],
  ['icon-maskable-512.png', maskable, 512],
  ['apple-touch-icon-180.png', maskable, 180],
]) {
  await sharp(svg, { density: (72 * size) / 32 }).resize(size, size).png().toFile(path.join(root, 'public', 'icons', name));
  console.log(`public/icons/${name}`);
}
