import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

/** Packages that tie code to the web or the UI. */
const FRAMEWORKS = [
  "@remix-run/*",
  "express",
  "socket.io",
  "socket.io-client",
  "@socket.io/*",
  "react",
  "react-dom",
  "react-dom/*",
  "react-i18next",
  "remix-i18next",
  "remix-i18next/*",
  "@lexical/react/*",
];

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "build-*/**",
      "data/**",
      "bench/out/**",
      "tmp-*/**",
      "app/generated/**",
      "prisma/postgres/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "public/build/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["error", { allow: ["error", "warn", "info"] }],
    },
  },
  // Layers (ADR 0016): infrastructure → domain → web adapters → routes and components; imports point down.
  {
    files: ["app/infra/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: FRAMEWORKS, message: "Infrastructure knows no web framework or UI." },
            {
              group: ["**/domain/**", "**/web/**", "**/realtime/**", "**/routes/**", "**/components/**", "**/editor/**"],
              message: "Infrastructure is the lowest layer: nothing above it may be imported here.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/domain/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: FRAMEWORKS,
              message:
                "The domain is plain TypeScript: no Remix, Express, socket.io or React. Return data or throw a DomainError; the web layer answers.",
            },
            {
              group: ["**/web/**", "**/realtime/**", "**/routes/**", "**/components/**", "**/root"],
              message: "The domain may import infrastructure and other domain modules only.",
            },
          ],
        },
      ],
    },
  },
  // The minutes' node classes and server renderer are loaded by the domain too (render.server.ts): they may
  // not pull in UI. A node's decorate() loads its view lazily (React.lazy), as the Lexical playground does.
  {
    files: ["app/editor/nodes/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/components/**", "**/routes/**", "**/plugins/**", "@lexical/react/*", "react-dom", "react-dom/*", "react-i18next"],
              message: "Node classes are shared with the server renderer: load a node's view with React.lazy in decorate().",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/editor/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: FRAMEWORKS, message: "The server side of the editor (validation, HTML, descriptions) is plain TypeScript." },
            { group: ["**/components/**", "**/routes/**", "**/plugins/**"], message: "The server side of the editor imports no UI." },
          ],
        },
      ],
    },
  },
  {
    // Routes are thin: they call use cases with context.db and never query the database themselves.
    files: ["app/routes/**/*.{ts,tsx}", "app/components/**/*.{ts,tsx}", "app/root.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/infra/db.server", "**/generated/**", "@prisma/*"],
              message: "Routes and components call use cases in app/domain; they never reach the database (ADR 0016).",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.property.name=/^(findMany|findUnique|findUniqueOrThrow|findFirst|findFirstOrThrow|createMany|updateMany|deleteMany|upsert|aggregate|groupBy|\\$queryRaw|\\$queryRawUnsafe|\\$executeRaw|\\$executeRawUnsafe|\\$transaction)$/]",
          message: "Database queries belong in a use case under app/domain (ADR 0016).",
        },
      ],
    },
  },
  {
    files: ["scripts/**", "bench/**", "prisma/**", "tests/**", "server.ts"],
    rules: { "no-console": "off" },
  },
);
