// Child side of `probeInChild` (child-probe.ts): runs one exported async function of a TypeScript
// module on an archive read from a file, and prints JSON with the process's peak RSS (VmHWM)
// before and after, so the figure belongs to that call alone and not to Jest's own heap.
// Plain JavaScript because it must run before any TypeScript can be loaded: it installs the same
// swc transform and @assay/* paths as jest.config.js, then requires the module.
const { readFileSync } = require('node:fs');
const { resolve } = require('node:path');
const { transformSync } = require('@swc/core');

const repo = resolve(__dirname, '../../../..');
const swc = JSON.parse(readFileSync(resolve(repo, '.swcrc'), 'utf8'));
delete swc.$schema;
swc.jsc.baseUrl = repo;
require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), { ...swc, filename, swcrc: false, sourceMaps: false });
  module._compile(code, filename);
};

const peakKb = () => Number(/^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'))[1]);

async function main() {
  const [modulePath, exportName, archivePath, argJson] = process.argv.slice(2);
  const run = require(resolve(repo, modulePath))[exportName];
  const data = readFileSync(archivePath);
  const arg = argJson ? JSON.parse(argJson) : undefined;
  const peakBeforeKb = peakKb();
  const started = process.hrtime.bigint();
  let result;
  try {
    result = { value: await run(data, arg) };
  } catch (error) {
    result = { error: { name: error.name, message: error.message, problems: error.problems } };
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  process.stdout.write(JSON.stringify({ ...result, ms, peakBeforeKb, peakAfterKb: peakKb() }));
}

main().catch((error) => {
  process.stderr.write(String(error?.stack ?? error));
  process.exit(1);
});
