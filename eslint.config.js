import js from "@eslint/js";
import tseslint from "typescript-eslint";

// Layering of the architecture (docs/ARCHITECTURE.md), enforced here:
//   domain imports nothing outside domain; app never imports adapters or http;
//   adapters never import http.
const outside = (dirs) =>
  dirs.map((d) => ({ group: [`**/${d}/**`, `**/${d}`], message: `this layer may not import ${d}/` }));

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "coverage/", "scratch/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", Buffer: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...outside(["app", "adapters", "http", "cli", "web", "areas"]),
            {
              group: ["**/compose.js", "**/config.js", "**/main.js"],
              message: "domain is pure: no composition or config",
            },
            {
              group: ["node:fs", "node:fs/*", "node:net", "node:http", "node:child_process", "pg", "fastify"],
              message: "domain does no I/O",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["src/app/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            ...outside(["adapters", "http", "cli", "web", "areas"]),
            { group: ["pg", "fastify"], message: "use a port" },
          ],
        },
      ],
    },
  },
  {
    files: ["src/adapters/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: outside(["http", "cli", "areas"]) }] },
  },
);
