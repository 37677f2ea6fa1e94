import { defineConfig } from 'vite';

const root = `${import.meta.dirname}/booking`;

/**
 * The public booking page (hub route /dat-lich): its own small bundle like the ticket page's,
 * nothing of the React apps. The hub serves dist/booking/index.html with its stylesheet inlined
 * and dist/booking/assets/* under /dat-lich/assets/ (hub/booking/booking-routes.ts).
 */
export default defineConfig({
  root,
  base: '/dat-lich/',
  build: {
    outDir: `${root}/../../dist/booking`,
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: false,
    target: 'es2020',
  },
});
