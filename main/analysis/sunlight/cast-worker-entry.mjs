// Sunlight cast worker entry when running from TypeScript sources: Node 20 does not carry the
// parent's tsx loader into worker threads, so register it here first (as main/jobs does).
import { register } from 'tsx/esm/api';

register();
await import('./cast-worker.ts');
