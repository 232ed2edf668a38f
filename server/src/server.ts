// The one process: API and web pages on one port (serve.ts). The module resolution shortcuts are
// registered first, before any of the app's modules is imported (resolve-hooks.ts).
import './resolve-hooks.ts';

await import('./serve.ts');
