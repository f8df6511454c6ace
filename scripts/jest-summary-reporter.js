// Prints one plain closing line, `jest: N passed, N failed, N skipped`, as the very last line of the run,
// so that CI systems that read a run's closing line can count the tests.
"use strict";
const fs = require("fs");

class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `jest: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${skipped} skipped\n`;
    process.once("exit", () => fs.writeSync(2, line));
  }
}

module.exports = SummaryReporter;
