// @platformatic/kafka is published as ES modules only, and Jest's CommonJS runtime cannot require
// those without --experimental-vm-modules. jest.config.js maps the package here, and Node's own
// loader (which loads ES modules from require() since Node 22.12) loads it, exactly as production
// code gets it; every spec and source file shares that one instance. Jest patches the `module`
// API's createRequire and require.resolve to apply its moduleNameMapper, which would map the
// package back to this file, so the package is resolved by Node's resolver from here by hand.
const { Module } = require('node:module');

const self = { id: __filename, filename: __filename, paths: Module._nodeModulePaths(__dirname) };
module.exports = Module._load(Module._resolveFilename('@platformatic/kafka', self), null, false);
