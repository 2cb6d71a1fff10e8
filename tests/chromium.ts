/**
 * How e2e tests and benchmarks start Chromium on these machines: Debian's build (Playwright
 * cannot download its own), software WebGL (SwiftShader), and none of Chromium's own
 * network traffic (the machines are offline; tests fail on requests off 127.0.0.1).
 */
export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
