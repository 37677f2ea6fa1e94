import { defineConfig } from 'vite';

const root = `${import.meta.dirname}/phone`;

/**
 * The citizen's ticket page (hub route /t/:token): its own small bundle, nothing of the React
 * apps. The hub serves dist/phone/index.html for every valid token and dist/phone/assets/* under
 * /t/assets/ (hub/public/phone-routes.ts). The page refers to them relatively ("./assets/…" from
 * "/t/<token>"), so it works under a front's path prefix too ("/c/<centre>/t/<token>").
 */
export default defineConfig({
  root,
  base: './',
  build: {
    outDir: `${root}/../../dist/phone`,
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: false,
    target: 'es2020',
  },
});
