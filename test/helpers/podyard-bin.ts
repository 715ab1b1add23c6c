// The `podyard` executable of the build this test file belongs to (dist/ or a helper's dist-*/),
// so tests always run the code compiled beside them, never another build's.
import { main } from '../../src/cmd/main.js';

process.exitCode = await main(process.argv.slice(2));
