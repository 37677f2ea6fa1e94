/** The virtual printer draws its paper in the same bundled font the raster strategy prints with. */
export { paperFont, paperFontFamilies } from '../printer/printer-font';
