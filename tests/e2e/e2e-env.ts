import path from "node:path";

/** Shared by the e2e server (serve.ts) and fixtures that sign people in without a password round-trip. */
export const E2E_SESSION_SECRET = "e2e-secret-e2e-secret-e2e-secret";

export const e2ePort = () => process.env.E2E_PORT ?? "3210";

export const e2eDatabaseUrl = (port = e2ePort()) => `file:${path.resolve(`data/e2e-${port}/yishi.db`)}`;
