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
// line "ready INDEX URL" or "failed INDEX MESSAGE" is printed, then "done";
// "crash INDEX METHOD URL MESSAGE" when Prism fails on a request (see
// crashed below).
// The process runs until stdin closes or it is signalled.
'use strict';
const path = require('node:path');
const http = require('node:http');
const { AsyncLocalStorage, createHook } = require('node:async_hooks');

// Each request runs with its spec's index, method and URL in store, and
// every promise created meanwhile keeps them, so that a rejection nobody
// handles (a crash, below) names the request it happened on.
const store = new AsyncLocalStorage();
const requestOf = Symbol('request');
createHook({
  init(id, type, trigger, resource) {
    if (type === 'PROMISE' && resource && typeof resource === 'object') resource[requestOf] = store.getStore();
  },
}).enable();
const portIndex = new Map();
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function (event, req, ...rest) {
  if (event === 'request') {
    const index = portIndex.get(this.address() && this.address().port);
    return store.run(`${index} ${req.method} ${req.url}`, () => emit.call(this, event, req, ...rest));
  }
  return emit.call(this, event, req, ...rest);
};
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
    portIndex.set(Number(new URL(address).port), index);
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
// Prism never answers such a request, so each crash is also reported on
// stdout, "crash INDEX METHOD URL MESSAGE" (the request, from store), with
// the place it happened: the tool then fails that request at once rather
// than after its timeout.
function crashed(kind, e, promise) {
  const request = (promise && promise[requestOf]) || store.getStore() || '- - -';
  process.stderr.write('prism: ' + kind + ': ' + ((e && e.stack) || e) + '\n');
  let msg = String((e && e.name && e.message) ? e.name + ': ' + e.message : e);
  const at = e && e.stack && e.stack.split('\n').find((l) => /^\s+at /.test(l));
  if (at) msg += ' ' + at.trim().replace(/\(.*node_modules[\\/]/, '(');
  process.stdout.write('crash ' + request + ' ' + msg.replace(/\s+/g, ' ') + '\n');
}
process.on('uncaughtException', (e) => crashed('uncaught', e));
process.on('unhandledRejection', (e, promise) => crashed('unhandled rejection', e, promise));
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
