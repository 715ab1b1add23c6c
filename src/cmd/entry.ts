// The `podyard` executable: bin/podyard.js runs this from dist/, and tests run the one compiled
// beside them (a helper build's dist-NAME/src/cmd/entry.js), so every build tests itself.
import { main } from './main.js';

process.exitCode = await main(process.argv.slice(2));
