#!/usr/bin/env node
// Entry of the `cim` command: runs the TypeScript sources through tsx's loader.
import { register } from 'tsx/esm/api';

register();
await import('../main/cli/main.ts');
