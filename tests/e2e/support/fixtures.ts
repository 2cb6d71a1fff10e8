/**
 * Every spec gets its own host and workspace, and a page that fails the test on any
 * request off 127.0.0.1 and on any console error or uncaught page error.
 */
import { test as base, expect } from '@playwright/test';
import { startHost, type CimHost } from './host.js';

const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'about:', 'chrome-extension:']);

function isOffsite(url: string): boolean {
  const parsed = new URL(url);
  if (LOCAL_SCHEMES.has(parsed.protocol)) return false;
  return parsed.hostname !== '127.0.0.1';
}

export const test = base.extend<{ cim: CimHost }>({
  // eslint-disable-next-line no-empty-pattern
  cim: async ({}, use) => {
    const running = await startHost();
    try {
      await use(running.host);
    } finally {
      await running.stop();
    }
  },

  page: async ({ page }, use) => {
    const offsite: string[] = [];
    const errors: string[] = [];
    page.on('request', (request) => {
      if (isOffsite(request.url())) offsite.push(request.url());
    });
    page.on('websocket', (socket) => {
      if (isOffsite(socket.url())) offsite.push(socket.url());
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
    expect(errors, 'console errors').toEqual([]);
  },
});

export { expect };
