#!/usr/bin/env node
// The motcua command. Runs the TypeScript sources through tsx, so no separate build is needed.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./cli/main.ts');
await main(process.argv);
