import { defineConfig } from 'vite';

const root = `${import.meta.dirname}/booking`;

/**
 * The public booking page (hub route /dat-lich): its own small bundle like the ticket page's,
 * nothing of the React apps. The hub serves dist/booking/index.html with its stylesheet inlined
 * and dist/booking/assets/* under /dat-lich/assets/ (hub/booking/booking-routes.ts). The page
 * (at "/dat-lich", no trailing slash) refers to them as "dat-lich/assets/…", relative, so it
 * works under a front's path prefix too ("/c/<centre>/dat-lich").
 */
export default defineConfig({
  root,
  base: './',
  experimental: { renderBuiltUrl: (file, { hostType }) => (hostType === 'html' ? `dat-lich/${file}` : { relative: true }) },
  build: {
    outDir: `${root}/../../dist/booking`,
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: false,
    target: 'es2020',
  },
});
