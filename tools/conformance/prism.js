// Runs one Stoplight Prism mock server per spec, all in this one Node
// process: loading Prism's modules costs seconds of CPU, a spec's operations
// a fraction of that, so N specs in one process start far faster than N
// `prism mock` processes. The servers are configured as
// `prism mock --dynamic=false --errors=false SPEC` configures its one
// (prism-cli's createPrismServerWithLogger): requests validated, security
// checked, the spec's examples returned.
//
//   node prism.js PRISM_DIR SPEC...
//
// PRISM_DIR is the npm prefix Prism is installed in (tools/prism). Each
// server listens on a free port of 127.0.0.1; for each spec, in order, one
// line "ready INDEX URL" or "failed INDEX MESSAGE" is printed, then "done".
// The process runs until stdin closes or it is signalled.
'use strict';
const path = require('node:path');
const { createRequire } = require('node:module');

const [prismDir, ...specs] = process.argv.slice(2);
const req = createRequire(path.join(path.resolve(prismDir), 'package.json'));
const { getHttpOperationsFromSpec } = req('@stoplight/prism-http');
const { createServer } = req('@stoplight/prism-http-server');
const { createLogger } = req('@stoplight/prism-core');

// Prism logs every request at info; only a fatal error matters here (violations come back in the sl-violations header).
const logger = createLogger('CONFORMANCE', { level: 'fatal' }, process.stderr);

async function start(index, spec) {
  try {
    const operations = await getHttpOperationsFromSpec(path.resolve(spec));
    if (operations.length === 0) throw new Error('no operations found in ' + spec);
    const server = createServer(operations, {
      cors: false,
      config: {
        validateRequest: true,
        validateResponse: true,
        checkSecurity: true,
        errors: false,
        upstreamProxy: undefined,
        mock: { dynamic: false, ignoreExamples: false },
        isProxy: false,
      },
      components: { logger: logger.child({ name: 'HTTP SERVER ' + index }) },
    });
    const address = await server.listen(0, '127.0.0.1');
    process.stdout.write(`ready ${index} ${address}\n`);
  } catch (e) {
    const msg = String((e && e.message) || e).replace(/\s+/g, ' ');
    process.stdout.write(`failed ${index} ${msg}\n`);
  }
}

(async () => {
  // One after another: the specs are parsed on the one JS thread anyway.
  for (let i = 0; i < specs.length; i++) await start(i, specs[i]);
  process.stdout.write('done\n');
})();
// A request Prism trips over must not take every other spec's server down.
process.on('uncaughtException', (e) => process.stderr.write('prism: uncaught: ' + ((e && e.stack) || e) + '\n'));
process.on('unhandledRejection', (e) => process.stderr.write('prism: unhandled rejection: ' + ((e && e.stack) || e) + '\n'));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
