import type { Reporter, SerializedError, TestModule, TestSuite } from 'vitest/node';

/**
 * Prints one plain line at the end of a run for CI to read:
 *   Tests: 57 passed, 0 failed, 2 skipped
 * A file or suite that broke outside any test (import error, failing beforeAll) and an unhandled
 * error each count as one failure, so a broken run can never read "0 failed".
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError>): void {
    const { passed, failed, skipped } = summarize(testModules, unhandledErrors.length);
    process.stdout.write(`Tests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

export interface Summary {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export function summarize(testModules: ReadonlyArray<TestModule>, unhandledErrors: number): Summary {
  let passed = 0;
  let failed = unhandledErrors;
  let skipped = 0;
  for (const testModule of testModules) {
    for (const test of testModule.children.allTests()) {
      switch (test.result().state) {
        case 'passed':
          passed += 1;
          break;
        case 'failed':
          failed += 1;
          break;
        case 'skipped':
        case 'pending': // collected but never run: an interrupted run
          skipped += 1;
          break;
      }
    }
    const containers: (TestModule | TestSuite)[] = [testModule, ...testModule.children.allSuites()];
    for (const container of containers) {
      const failedTests = [...container.children.allTests('failed')].length;
      if (container.errors().length > 0 && failedTests === 0) failed += 1;
    }
  }
  return { passed, failed, skipped };
}
