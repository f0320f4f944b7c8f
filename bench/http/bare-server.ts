/**
 * The HTTP bench's baseline: bare Express 4 answering every GET with the same small HTML page, no
 * middleware (no compression, no logging, no sessions, no database). What Yishi's pages are compared with,
 * measured in the same run on the same machine with the same load generator. Compiled on the fly and run on
 * plain node with production's V8 flags (run.ts).
 *
 *   node bare-server.mjs '{"port":1234}'
 */
import express from "express";

const { port } = JSON.parse(process.argv[2]) as { port: number };

const page = `<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>议事 Yishi</title></head>
<body><main><h1>你好，议事</h1><p>Hello from a bare Express server: the baseline of the HTTP bench.</p></main></body>
</html>
`;

const app = express();
app.disable("x-powered-by");
app.get("/healthz", (_req, res) => {
  res.json({ ok: true });
});
app.get("*", (_req, res) => {
  res.type("html").send(page);
});
const server = app.listen(port, "127.0.0.1", () => console.log(`bare Express listening on http://127.0.0.1:${port}`));
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => server.close(() => process.exit(0)));
