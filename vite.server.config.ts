import path from "node:path";
import { defineConfig } from "vite";

/**
 * Compiles server.ts (Express + socket.io + the app modules it imports) to plain JavaScript for production,
 * so the server runs on `node` without a TypeScript loader (which alone costs ~100 MB of memory per process).
 * Packages stay external and load from node_modules.
 */
const buildDir = process.env.YISHI_BUILD_DIR ?? "build";

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  logLevel: "warn",
  publicDir: false,
  build: {
    ssr: true,
    outDir: `${buildDir}/app-server`,
    emptyOutDir: true,
    target: "node20",
    sourcemap: true,
    // supervisor.js is the cluster primary that restarts server.js (scripts/supervisor.ts).
    rollupOptions: {
      input: { server: "server.ts", supervisor: "scripts/supervisor.ts" },
      output: { format: "es", entryFileNames: "[name].js" },
    },
  },
});
