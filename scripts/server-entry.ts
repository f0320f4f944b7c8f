import fs from "node:fs";
import path from "node:path";

/** The same V8 memory settings as scripts/start.sh (production). */
export const PRODUCTION_NODE_FLAGS = ["--max-semi-space-size=16", `--max-old-space-size=${process.env.YISHI_MAX_HEAP_MB ?? 320}`];

/**
 * How to start the production server: the compiled `<build>/app-server/server.js` on plain node when it has
 * been built (`npm run build`), otherwise server.ts through tsx. Tests and benches use this, so they run
 * what production runs.
 */
export function serverNodeArgs(root: string, buildDir = process.env.YISHI_BUILD_DIR ?? "build"): string[] {
  const compiled = path.resolve(root, buildDir, "app-server/server.js");
  return fs.existsSync(compiled) ? [...PRODUCTION_NODE_FLAGS, compiled] : ["--import", "tsx", path.resolve(root, "server.ts")];
}

/** The production supervisor (`npm start`): a cluster primary restarting the compiled server when it dies. */
export function supervisorNodeArgs(root: string, buildDir = process.env.YISHI_BUILD_DIR ?? "build"): string[] {
  return [path.resolve(root, buildDir, "app-server/supervisor.js")];
}
