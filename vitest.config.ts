import { defineConfig } from "vitest/config";

// unit: the pure core and in-process HTTP; storage: everything touching a database (PGlite by
// default, the PostgreSQL at DATABASE_URL under `npm run test:pg`); e2e: real browser and SIP peers.
export default defineConfig({
  test: {
    env: { TZ: "UTC" },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          sequence: { groupOrder: 0 },
          include: ["src/**/*.test.ts", "test/unit/**/*.test.ts"],
          exclude: ["**/*.int.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "storage",
          sequence: { groupOrder: 1 },
          include: ["src/**/*.int.test.ts", "test/**/*.int.test.ts", "test/scenarios/**/*.test.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file opens its own database; two at a time fits two cores.
          maxWorkers: 2,
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          sequence: { groupOrder: 2 },
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
    ],
  },
});
