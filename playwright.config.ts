import { defineConfig, devices } from '@playwright/test';
import os from 'node:os';
import path from 'node:path';

/** Fixed uncommon port for the real server (client/dist + /api, sandbox mode). */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 4399);
const dataDir = path.join(os.tmpdir(), `grmd-e2e-${process.pid}`);

export default defineConfig({
  testDir: 'e2e/tests',
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 30_000,
  expect: { timeout: 5_000 },
  reporter: process.env.CI ? 'line' : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${E2E_PORT}`,
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 1000 },
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 1000 },
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: 'npm run build -w client && npx tsx server/src/main.ts',
    url: `http://127.0.0.1:${E2E_PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: { HOST: '127.0.0.1', PORT: String(E2E_PORT), DATA_DIR: dataDir, NODE_ENV: 'production' },
  },
});
