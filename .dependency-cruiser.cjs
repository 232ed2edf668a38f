// Architecture rules (issue 13), checked by `npm run lint:arch` in CI: any violation fails with the
// rule's name and comment (there is no list of tolerated violations). Each rule is proven to fire by
// server/test/foundation/architecture.test.ts, which cruises a small tree of deliberate violations
// with these very rules. What an import graph cannot see — which tables a module's SQL names — is
// checked by the same test file (table ownership).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles: give what two files share a module of its own that both import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'server/src/domain is pure logic: it imports no database, HTTP, module, job or library-with-IO code.',
      from: { path: '^server/src/domain/' },
      to: {
        path: ['^server/src/(db|http|modules|plugins|jobs|lib|cli|seed)/', '^server/src/(app|server|boot|config)\\.ts$'],
      },
    },
    {
      name: 'domain-no-io-packages',
      severity: 'error',
      comment: 'server/src/domain is pure logic: no database driver, ORM or HTTP framework.',
      from: { path: '^server/src/domain/' },
      to: { path: 'node_modules/(pg|drizzle-orm|@electric-sql|fastify|@fastify)/' },
    },
    {
      name: 'web-imports-web-and-shared',
      severity: 'error',
      comment: 'The web app imports only web/src, shared/ and packages — never server code.',
      from: { path: '^web/' },
      to: { pathNot: ['^web/', '^shared/', 'node_modules'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'shared-stands-alone',
      severity: 'error',
      comment: 'shared/ is used by server and web: it imports neither, nor a database or HTTP package.',
      from: { path: '^shared/' },
      to: { path: ['^server/', '^web/', 'node_modules/(pg|drizzle-orm|@electric-sql|fastify|@fastify)/'] },
    },
    {
      name: 'module-through-index',
      severity: 'error',
      comment:
        "A module reads another capability only through that module's index.ts (its exported functions and types), never its repository, service or files.",
      from: { path: '^server/src/modules/([^/]+)/' },
      to: { path: '^server/src/modules/[^/]+/', pathNot: ['^server/src/modules/$1/', '^server/src/modules/[^/]+/index\\.ts$'] },
    },
    {
      name: 'outside-through-index',
      severity: 'error',
      comment: 'Code outside server/src/modules (jobs, seed, cli, lib, app) uses a module only through its index.ts.',
      from: { path: '^server/src/', pathNot: ['^server/src/modules/'] },
      to: { path: '^server/src/modules/[^/]+/', pathNot: '^server/src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'registry-imports-routes',
      severity: 'error',
      comment: "server/src/modules/index.ts registers every module's routes: it imports their *.routes.ts files and nothing else of a module.",
      from: { path: '^server/src/modules/index\\.ts$' },
      to: { path: '^server/src/modules/[^/]+/', pathNot: '\\.routes\\.ts$' },
    },
    {
      name: 'registry-only-from-app',
      severity: 'error',
      comment: 'Only app.ts imports the route registry (server/src/modules/index.ts): anything else would load every route of every module.',
      from: { pathNot: '^server/src/app\\.ts$' },
      to: { path: '^server/src/modules/index\\.ts$' },
    },
    {
      name: 'index-has-no-http',
      severity: 'error',
      comment: "A module's index.ts is its service-level surface: it exports no routes and nothing of HTTP, so using a module never loads HTTP code.",
      from: { path: '^server/src/modules/[^/]+/index\\.ts$' },
      to: { path: ['\\.routes\\.ts$', '^server/src/(http|plugins)/', 'node_modules/(fastify|@fastify)/'] },
    },
    {
      name: 'routes-hold-no-sql',
      severity: 'error',
      comment:
        'Routes validate, call a service and present: no SQL, no repository, no database code (client, schema, versioned updates) in a routes file — resource owners come from the service too.',
      from: { path: '\\.routes\\.ts$' },
      to: { path: ['\\.repository\\.ts$', '^server/src/db/', 'node_modules/(drizzle-orm|pg|@electric-sql)/'] },
    },
    {
      name: 'services-not-http',
      severity: 'error',
      comment:
        'Services, repositories and every other file of a module but its routes do not know HTTP: fastify types, http/ and plugins/ stay in routes (pass plain values and structural types).',
      from: { path: '^server/src/modules/[^/]+/', pathNot: '\\.routes\\.ts$' },
      to: { path: ['node_modules/fastify/', 'node_modules/@fastify/', '^server/src/(http|plugins)/'] },
    },
  ],
  options: {
    // npm packages are listed as dependencies (the rules above name some) but not cruised into.
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^web/dist', '^artifacts', '^data'] },
    parser: 'swc',
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
