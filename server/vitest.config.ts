import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    environment: 'node',
    // Server tests bind real ports and a real SQLite file; keep files in parallel but
    // each test file self-contained (own port 0, own temp DATA_DIR).
    testTimeout: 20000,
    hookTimeout: 20000,
  },
});
