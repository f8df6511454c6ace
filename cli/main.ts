#!/usr/bin/env node
// The `backup-guard` executable (package.json "bin"): compiled to dist/cli/main.js.
import * as fs from "fs";
import { runCli } from "./run-cli";

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdin: () => fs.readFileSync(0, "utf8"),
  writeFile: (file, text) => fs.writeFileSync(file, text),
  env: process.env,
});
