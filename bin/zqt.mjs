#!/usr/bin/env node
// `npx zqt …` — the command-line entry. Runs the TypeScript sources directly (Node ≥ 24).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(`zqt needs Node.js 24 or newer (this is ${process.version}); run it through npx or npm scripts, which use the project's own Node.`);
  process.exit(1);
}
await import('../server/src/resolve-hooks.ts'); // before the app's modules (see there)
const { main } = await import('../server/src/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
