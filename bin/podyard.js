#!/usr/bin/env node
// The `podyard` executable: runs the compiled composition root (npm run build makes dist/).
import { main } from '../dist/src/cmd/main.js';

process.exitCode = await main(process.argv.slice(2));
