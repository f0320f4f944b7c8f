/// <reference types="vitest/config" />
import { vitePlugin as remix } from "@remix-run/dev";
import path from "node:path";
import { defineConfig } from "vite";

declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}

export default defineConfig({
  resolve: { alias: { "~": path.resolve(__dirname, "app") } },
  server: { port: 3000 },
  plugins: [
    !process.env.VITEST &&
      remix({
        // Separate build folders let several test runs (or developers) build side by side.
        buildDirectory: process.env.YISHI_BUILD_DIR ?? "build",
        ignoredRouteFiles: ["**/*.test.*"],
        future: {
          v3_fetcherPersist: true,
          v3_relativeSplatPath: true,
          v3_throwAbortReason: true,
          v3_singleFetch: true,
          v3_lazyRouteDiscovery: true,
        },
      }),
  ],
  test: {
    // Integration tests share the machine's 2 cores with servers they start; keep them in few workers.
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "tests/unit/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          setupFiles: ["tests/setup/fail-on-console-error.ts"],
        },
      },
    ],
  },
});
