import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The built-bundle tests read dist/, which `npm test` builds first.
    testTimeout: 60_000,
  },
});
