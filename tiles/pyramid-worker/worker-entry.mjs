// Pyramid worker entry when running from TypeScript sources (tsx, vitest): Node 20 does not
// carry the parent's tsx loader into worker threads, so register it here first. Bundles
// (the cim CLI bundle, the Electron build) start pyramid-worker.cjs beside them instead.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
