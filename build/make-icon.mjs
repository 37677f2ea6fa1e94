#!/usr/bin/env node
// Draws build/icon.png (512×512): a door-shaped arch with a large "1" above the word "CỬA" —
// "một cửa", one door — on the red of Vietnamese public-service signage.
// Run by hand after changing the design (node build/make-icon.mjs); the PNG is committed, and
// electron-builder derives the Windows .ico and the Linux icon sizes from it.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';

const SIZE = 512;
const RED = '#c62828';
const DARK_RED = '#8e0000';
const GOLD = '#ffd54f';
const WHITE = '#ffffff';

// The font ships with the app (renderer), so the icon does not depend on this machine's fonts.
const fontFiles = path.join(path.dirname(createRequire(import.meta.url).resolve('@fontsource/be-vietnam-pro/package.json')), 'files');
for (const subset of ['latin', 'vietnamese']) {
  GlobalFonts.registerFromPath(path.join(fontFiles, `be-vietnam-pro-${subset}-800-normal.woff2`), 'Be Vietnam Pro');
}

const canvas = createCanvas(SIZE, SIZE);
const ctx = canvas.getContext('2d');

// Rounded square with a soft vertical gradient.
const background = ctx.createLinearGradient(0, 0, 0, SIZE);
background.addColorStop(0, RED);
background.addColorStop(1, DARK_RED);
ctx.fillStyle = background;
ctx.beginPath();
ctx.roundRect(16, 16, SIZE - 32, SIZE - 32, 96);
ctx.fill();

// The door: an arch outline.
const doorLeft = 136;
const doorRight = SIZE - 136;
const doorTop = 72;
const doorBottom = 318;
const radius = (doorRight - doorLeft) / 2;
ctx.strokeStyle = WHITE;
ctx.lineWidth = 22;
ctx.lineJoin = 'round';
ctx.beginPath();
ctx.moveTo(doorLeft, doorBottom);
ctx.lineTo(doorLeft, doorTop + radius);
ctx.arc(SIZE / 2, doorTop + radius, radius, Math.PI, 0);
ctx.lineTo(doorRight, doorBottom);
ctx.stroke();

// The threshold.
ctx.beginPath();
ctx.moveTo(doorLeft - 40, doorBottom);
ctx.lineTo(doorRight + 40, doorBottom);
ctx.stroke();

// "1" inside the door.
ctx.fillStyle = GOLD;
ctx.textAlign = 'center';
ctx.textBaseline = 'alphabetic';
ctx.font = '800 200px "Be Vietnam Pro"';
ctx.fillText('1', SIZE / 2, doorBottom - 34);

// "CỬA" under it.
ctx.fillStyle = WHITE;
ctx.font = '800 88px "Be Vietnam Pro"';
ctx.fillText('CỬA', SIZE / 2, 452);

const out = path.join(import.meta.dirname, 'icon.png');
writeFileSync(out, canvas.toBuffer('image/png'));
console.log(`wrote ${out}`);
