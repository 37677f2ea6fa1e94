import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Suites start real servers and Chromium; two cores: keep files in parallel but bounded.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for what a loaded machine may take a while to show (a page's first render
    // while the other worker starts Chromium or PostgreSQL): vitest's 1 s default failed CI once on a
    // kiosk's first heading. A longer wait costs nothing when the condition holds.
    expect: { poll: { timeout: 10_000 } },
    reporters: ['default', './tests/support/summary-reporter.ts'],
  },
});
