/**
 * E2E: Playwright drives the system Chromium (no browser download on these machines)
 * against `cim serve`, one worker, with software WebGL (SwiftShader): a few frames per
 * second, hence the generous timeouts. Screenshots each spec takes land in test-results/e2e.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium.js';

const resultsDir = fileURLToPath(new URL('../../test-results/', import.meta.url));

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: `${resultsDir}e2e`,
  globalSetup: './global-setup.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 240_000,
  expect: { timeout: 60_000 },
  // scripts/test.mjs counts the e2e tests from playwright.json.
  reporter: [['list'], ['json', { outputFile: `${resultsDir}playwright.json` }]],
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1366, height: 800 },
    locale: 'zh-CN',
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS },
  },
});
