// Worker entry when running from TypeScript sources (cim CLI, browser host): Node 20 does
// not carry the main thread's tsx loader into worker threads, so register it here first.
// Packaged builds bundle worker.ts to a .cjs and start that instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
