// Writes each Jest run's counts (and the names of skipped suites) to tmp/test-results, so
// `npm test` can print one honest total across projects: skipped is never folded into passed.
const { mkdirSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.globalConfig = globalConfig;
    this.name = options.name || 'jest';
  }
  onRunComplete(_contexts, results) {
    const skipped = [];
    for (const file of results.testResults) {
      for (const t of file.testResults) {
        if (t.status === 'pending' || t.status === 'skipped' || t.status === 'todo') skipped.push(t.fullName);
      }
    }
    const dir = join(__dirname, '..', '..', 'tmp', 'test-results');
    mkdirSync(dir, { recursive: true });
    const file = `${this.name}-${process.pid}-${Date.now()}.json`;
    writeFileSync(
      join(dir, file),
      JSON.stringify({
        name: this.name,
        passed: results.numPassedTests,
        failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
        skipped: results.numPendingTests + results.numTodoTests,
        skippedNames: skipped,
      }),
    );
  }
}
module.exports = SummaryReporter;
