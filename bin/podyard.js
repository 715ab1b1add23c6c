#!/usr/bin/env node
// The `podyard` executable: runs the compiled entry point (npm run build makes dist/).
import '../dist/src/cmd/entry.js';
