import { create as createQr } from 'qrcode';

/**
 * The QR of `text` as a small SVG document (one path, a 4-module quiet zone). Synchronous, so a
 * command handler can answer it inside its transaction; `qrcode`'s own SVG writer is asynchronous.
 */
export function qrSvg(text: string): string {
  const { modules } = createQr(text, { errorCorrectionLevel: 'M' });
  const quiet = 4;
  const size = modules.size + quiet * 2;
  let d = '';
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) if (modules.get(x, y)) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}
