// Preloaded (NODE_OPTIONS=--require) into a pack being profiled: Node refuses --cpu-prof in NODE_OPTIONS,
// so this starts the V8 profiler through the inspector and writes a .cpuprofile (for Chrome DevTools or
// speedscope) into BACKUP_GUARD_PROFILE_DIR when the harness stops the pack with SIGTERM.
import * as fs from "fs";
import { Session } from "inspector";
import * as path from "path";

const dir = process.env["BACKUP_GUARD_PROFILE_DIR"] ?? ".";
const session = new Session();
session.connect();
session.post("Profiler.enable", () => session.post("Profiler.setSamplingInterval", { interval: 500 }, () => session.post("Profiler.start")));
process.once("SIGTERM", () => {
  session.post("Profiler.stop", (error, result) => {
    if (!error) fs.writeFileSync(path.join(dir, `pack-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    process.exit(0);
  });
});
