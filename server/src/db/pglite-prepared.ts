// Named prepared statements on embedded PGlite (issue 20). PGlite's `query()` sends every statement
// as an unnamed one, in six calls into its WebAssembly backend (parse, describe, bind, describe,
// execute, sync): PostgreSQL parses and plans the text anew each time, and each call has its own
// cost. A statement drizzle is asked to prepare under a name — the hot statements of fixed text
// (queryPrepared, queryShaped in db/client.ts; a query builder's `.prepare(name)`) — goes here instead:
// parsed and described once per PGlite instance under its name, then each run is one call (bind,
// describe, execute, sync), as on the server, where `pg` names them; inside a transaction as outside.
// Measured on a 50,000-appeal PGlite, 1,000–2,000 runs each: the policy's owner read p50 0.56 → 0.16 ms,
// the appeal page's row 1.5 → 0.57 ms (sent unnamed in two calls instead of six: 0.45 and 1.4 ms — the
// planning is the cost).
import { parse, type PGlite, protocol, type QueryOptions, type Results, type Transaction } from '@electric-sql/pglite';
import { PgliteSession } from 'drizzle-orm/pglite';

/** Per PGlite instance: each prepared name's parameter types (their OIDs, for serializing values). */
const statementTypes = new WeakMap<PGlite, Map<string, number[]>>();

/** Parses `text` as `name` the first time on `pg` (its parameter types kept), then binds and runs it: one call. */
async function runNamed<T>(pg: PGlite, name: string, text: string, params: readonly unknown[], options?: QueryOptions): Promise<Results<T>> {
  let names = statementTypes.get(pg);
  if (!names) {
    names = new Map();
    statementTypes.set(pg, names);
  }
  try {
    let types = names.get(name);
    if (!types) {
      // Close first: a name whose describe had failed after its parse would otherwise be refused for good (42P05).
      const r = await pg.execProtocol(
        Buffer.concat([
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
      const serializer = options?.serializers?.[types[i]!] ?? pg.serializers[types[i]!];
      return serializer ? serializer(v) : String(v);
    });
    const r = await pg.execProtocol(
      Buffer.concat([
        protocol.serialize.bind({ statement: name, values }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      ]),
      { syncToFs: false },
    );
    return parse.parseResults(r.messages, pg.parsers, options)[0] as Results<T>;
  } catch (err) {
    if (err instanceof protocol.messages.DatabaseError) {
      // A statement the backend no longer has (26000) is parsed again next time.
      if (err.code === '26000') names.delete(name);
      // As query() does: the failed statement and its parameters on the error.
      Object.assign(err, { query: text, params, queryOptions: options });
    }
    throw err;
  }
}

/**
 * What `pg.query(text, params, options)` answers, with `text` run as the named statement `name`: under
 * the same two locks as `query()` (a transaction in progress on the instance finishes first), and the
 * writes handed to the filesystem before it answers, as `query()` does outside a transaction.
 */
export async function queryNamed<T>(pg: PGlite, name: string, text: string, params: readonly unknown[], options?: QueryOptions): Promise<Results<T>> {
  await pg._checkReady();
  return pg._runExclusiveTransaction(() =>
    pg._runExclusiveQuery(async () => {
      const r = await runNamed<T>(pg, name, text, params, options);
      await pg.syncToFs();
      return r;
    }),
  );
}

/** What `tx.query(text, params, options)` answers in a transaction of `pg`, with `text` run as `name` (as tx.query: the query lock only). */
export async function queryNamedIn<T>(
  pg: PGlite,
  tx: Transaction,
  name: string,
  text: string,
  params: readonly unknown[],
  options?: QueryOptions,
): Promise<Results<T>> {
  if (tx.closed) throw new Error('Transaction is closed');
  return pg._runExclusiveQuery(() => runNamed<T>(pg, name, text, params, options));
}

/** Each PGlite instance given to nameStatements, and each of its transactions: → the instance. */
const owners = new WeakMap<object, PGlite>();
let sessionsPatched = false;

/**
 * Makes the statements that drizzle prepares under a name (`prepareQuery(query, fields, name)`) on `pg`
 * — on its database's session and on the session of each of its transactions — run through queryNamed or
 * queryNamedIn, with drizzle's own parsers, row mapping and error wrapping as for any statement.
 * drizzle makes a session of its own for each transaction, over PGlite's transaction object: the
 * instance's `transaction` is wrapped to know which instance that object belongs to, and drizzle's
 * PGlite session asks `owners` (a session over any other client runs as before).
 */
export function nameStatements(pg: PGlite) {
  owners.set(pg, pg);
  const transaction = pg.transaction.bind(pg);
  pg.transaction = <T>(callback: (tx: Transaction) => Promise<T>) =>
    transaction((tx) => {
      owners.set(tx, pg);
      return callback(tx);
    });
  if (sessionsPatched) return;
  sessionsPatched = true;
  type Prepared = { client: Pick<PGlite, 'query'> };
  const proto = PgliteSession.prototype as unknown as { prepareQuery: (this: { client: unknown }, ...args: unknown[]) => Prepared };
  const prepare = proto.prepareQuery;
  proto.prepareQuery = function (this: { client: unknown }, ...args: unknown[]) {
    const prepared = prepare.apply(this, args);
    const name = args[2];
    const client = this.client as PGlite | Transaction;
    const owner = owners.get(client);
    if (owner && typeof name === 'string' && name) {
      // drizzle's prepared query reads its `client` when it runs.
      prepared.client = {
        query: <R>(text: string, params?: unknown[], options?: QueryOptions) =>
          client === owner
            ? queryNamed<R>(owner, name, text, params ?? [], options)
            : queryNamedIn<R>(owner, client as Transaction, name, text, params ?? [], options),
      };
    }
    return prepared;
  };
}
