/**
 * Every spec gets its own host and workspace, and a page that fails the test on any
 * request off 127.0.0.1 and on any console error or uncaught page error.
 */
import { test as base, expect } from '@playwright/test';
import { demoCityPath } from './demo-city.js';
import { startHost, type CimHost } from './host.js';

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:']);

/** Anything but the page's own host (data:/blob: URLs stay in the page). */
function isOffsite(url: string, hostOrigin: string): boolean {
  const parsed = new URL(url);
  if (LOCAL_SCHEMES.has(parsed.protocol)) return false;
  return parsed.hostname !== '127.0.0.1' || parsed.origin !== hostOrigin;
}

interface Fixtures {
  cim: CimHost;
  /**
   * Console errors a spec expects, e.g. Chromium's "Failed to load resource" line for an
   * API call the spec makes fail on purpose. Anything else still fails the test.
   */
  expectedConsoleErrors: RegExp[];
  /** `demo`: the host serves a copy of the seeded demo city instead of an empty workspace. */
  workspace: 'empty' | 'demo';
}

export const test = base.extend<Fixtures>({
  expectedConsoleErrors: [[], { option: true }],
  workspace: ['empty', { option: true }],

  cim: async ({ workspace }, use) => {
    const running = await startHost(workspace === 'demo' ? { workspaceFrom: demoCityPath() } : {});
    try {
      await use(running.host);
    } finally {
      await running.stop();
    }
  },

  // Depends on `cim`, so the host outlives the page and its last checks.
  page: async ({ page, cim, expectedConsoleErrors }, use) => {
    const offsite: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (isOffsite(request.url(), cim.origin)) offsite.push(request.url());
    });
    page.on('websocket', (socket) => {
      if (isOffsite(socket.url(), cim.origin)) offsite.push(socket.url());
    });
    page.on('console', (message) => {
      if (message.type() === 'error') {
        const { url, lineNumber } = message.location();
        errors.push(`${message.text()} (${url}:${String(lineNumber)})`);
      }
    });
    page.on('pageerror', (error) => errors.push(`pageerror: ${error.stack ?? error.message}`));
    await use(page);
    expect(offsite, 'requests that left 127.0.0.1').toEqual([]);
    const unexpected = errors.filter((error) => !expectedConsoleErrors.some((pattern) => pattern.test(error)));
    expect(unexpected, 'console errors').toEqual([]);
  },
});

export { expect };
