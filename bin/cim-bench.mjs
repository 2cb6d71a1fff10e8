#!/usr/bin/env node
// Entry of `npm run bench`: runs the TypeScript benchmark sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../bench/run.ts');
