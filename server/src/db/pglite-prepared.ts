// Named prepared statements on embedded PGlite (issue 20). PGlite's `query()` sends every statement
// as an unnamed one, in six calls into its WebAssembly backend (parse, describe, bind, describe,
// execute, sync): PostgreSQL parses and plans the text anew each time, and each call has its own
// cost. A statement drizzle is asked to prepare under a name — the hot statements of fixed text
// (queryPrepared, queryShaped in db/client.ts; a query builder's `.prepare(name)`) — goes here instead:
// parsed and described once per PGlite instance under its name, then each run is one call (bind,
// describe, execute, sync), as on the server, where `pg` names them. Measured on a 50,000-appeal
// PGlite, 1,000–2,000 runs each: the policy's owner read p50 0.56 → 0.16 ms, the appeal page's row
// 1.5 → 0.57 ms (sent unnamed in two calls instead of six: 0.45 and 1.4 ms — the planning is the cost).
import { parse, type PGlite, protocol, type QueryOptions, type Results } from '@electric-sql/pglite';

/** Per PGlite instance: each prepared name's parameter types (their OIDs, for serializing values). */
const statementTypes = new WeakMap<PGlite, Map<string, number[]>>();

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * What `pg.query(text, params, options)` answers, with `text` run as the named statement `name`. Takes
 * the same two locks as `query()` (a transaction in progress on the instance finishes first), so it is
 * only for statements outside a transaction: inside one, run the transaction's own `query()`.
 */
export async function queryNamed<T>(pg: PGlite, name: string, text: string, params: readonly unknown[], options?: QueryOptions): Promise<Results<T>> {
  await pg._checkReady();
  return pg._runExclusiveTransaction(() =>
    pg._runExclusiveQuery(async () => {
      let names = statementTypes.get(pg);
      if (!names) {
        names = new Map();
        statementTypes.set(pg, names);
      }
      let types = names.get(name);
      try {
        if (!types) {
          // Close first: a name whose describe had failed after its parse would otherwise be refused for good (42P05).
          const r = await pg.execProtocol(
            concat([
              protocol.serialize.close({ type: 'S', name }),
              protocol.serialize.parse({ name, text, types: [] }),
              protocol.serialize.describe({ type: 'S', name }),
              protocol.serialize.sync(),
            ]),
            { syncToFs: false },
          );
          types = parse.parseDescribeStatementResults(r.messages);
          names.set(name, types);
        }
        const values = params.map((v, i) => {
          if (v === null || v === undefined) return null;
          const serializer = options?.serializers?.[types![i]!] ?? pg.serializers[types![i]!];
          return serializer ? serializer(v) : String(v);
        });
        const r = await pg.execProtocol(
          concat([
            protocol.serialize.bind({ statement: name, values }),
            protocol.serialize.describe({ type: 'P' }),
            protocol.serialize.execute({}),
            protocol.serialize.sync(),
          ]),
          { syncToFs: false },
        );
        // As query() does outside a transaction: the writes handed to the filesystem before answering.
        await pg.syncToFs();
        return parse.parseResults(r.messages, pg.parsers, options)[0] as Results<T>;
      } catch (err) {
        // As query() does: the failed statement and its parameters on the error.
        if (err instanceof protocol.messages.DatabaseError) Object.assign(err, { query: text, params, queryOptions: options });
        throw err;
      }
    }),
  );
}

/**
 * Makes the statements that drizzle's session of a PGlite database (`db._.session`) prepares under a
 * name (`prepareQuery(query, fields, name)`) run through queryNamed on `pg`, with drizzle's own parsers,
 * row mapping and error wrapping as for any statement. Only the database's own session: a transaction
 * gets a session of its own from drizzle, whose statements run in it through PGlite's query() as before.
 */
export function nameStatements(drizzleSession: unknown, pg: PGlite) {
  type Prepared = { client: Pick<PGlite, 'query'> };
  const session = drizzleSession as { prepareQuery: (query: unknown, fields: unknown, name: unknown, ...rest: unknown[]) => Prepared };
  const prepare = session.prepareQuery.bind(session);
  session.prepareQuery = (query, fields, name, ...rest) => {
    const prepared = prepare(query, fields, name, ...rest);
    if (typeof name === 'string' && name) {
      // drizzle's prepared query reads its `client` when it runs.
      prepared.client = { query: <R>(text: string, params?: unknown[], options?: QueryOptions) => queryNamed<R>(pg, name, text, params ?? [], options) };
    }
    return prepared;
  };
}
