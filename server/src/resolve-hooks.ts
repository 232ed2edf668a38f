// Module resolution shortcuts for the app's processes, registered before the app's modules are
// imported (server.ts, bin/zqt.mjs, scripts/test.ts).
//
// Node 24 resolves every import by looking up the package.json that governs the file (its module
// format, its exports). drizzle-orm's package.json is 179 kB (an exports entry for each of its
// files), and it is looked up again for each of the ≈ 100 drizzle modules the app loads and for each
// of our files that import 'drizzle-orm'. Measured on this machine while it was busy:
// `import('drizzle-orm/pg-core')` 2.3 s, 0.09 s with these hooks; importing the whole app 5.4 → 4.0 s of
// CPU; a `zqt` command ≈ 1 s less CPU (docs/SCALING.md §6).
// 1. A relative import inside drizzle-orm's ESM build is a file of it, an ES module: its URL is the
//    specifier against the importing file's, without the lookup.
// 2. A bare specifier ('drizzle-orm', 'zod', …) imported from the app's own files resolves the same
//    from every one of them (one node_modules): it is resolved once and remembered.
// Everything else goes through Node's own resolution, and so does anything the shortcuts do not fit
// (a file that does not exist then fails to load, as it would have failed to resolve).
import { registerHooks } from 'node:module';

const DRIZZLE = '/node_modules/drizzle-orm/';
const resolved = new Map<string, { url: string; format?: string | null }>();

registerHooks({
  resolve(specifier, context, nextResolve) {
    const parent = context.parentURL;
    if (!parent?.startsWith('file:')) return nextResolve(specifier, context);
    if (parent.includes(DRIZZLE) && !parent.endsWith('.cjs') && (specifier.startsWith('./') || specifier.startsWith('../')) && specifier.endsWith('.js')) {
      return { url: new URL(specifier, parent).href, format: 'module', shortCircuit: true };
    }
    const bare = !specifier.startsWith('.') && !specifier.startsWith('/') && !specifier.includes(':');
    if (!bare || parent.includes('/node_modules/')) return nextResolve(specifier, context);
    const key = `${specifier}\0${(context.conditions ?? []).join(',')}`;
    const hit = resolved.get(key);
    if (hit) return { ...hit, shortCircuit: true };
    const r = nextResolve(specifier, context);
    resolved.set(key, { url: r.url, format: r.format });
    return r;
  },
});
