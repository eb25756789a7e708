/**
 * `deno task bench`: the proof tables in BENCHMARKS.md, on a throwaway PostgreSQL
 * cluster on loopback. `--quick` uses smaller sizes (minutes instead of many).
 *
 *   1. update handling in process (bot + gateway + Postgres, Telegram faked): p50/p99,
 *      and database round trips per command
 *   2. the HTTP webhook under load from another process: updates/s, errors, exactly once
 *   3. search latency from 1k to 1M customers
 *   4. one atomic RPC versus the tutorial pattern (select, insert, update)
 *   5. cold start: import time of the function's graph, bundle size
 */
import { Ledger } from "../shared/db/ledger.ts";
import { migrate } from "../shared/db/migrate.ts";
import { postgresClient } from "../shared/db/postgres_client.ts";
import type { RpcArgs, RpcTransport } from "../shared/db/rpc.ts";
import type { SqlClient } from "../shared/db/sql_client.ts";
import { SqlTransport } from "../shared/db/sql_transport.ts";
import { createWebhookHandler } from "../shared/http/webhook_handler.ts";
import { type Cluster, startCluster } from "../tests/support/cluster.ts";
import { benchBot, textUpdate } from "./support/bot.ts";
import { SEARCHES, seedShops } from "./support/seed.ts";
import { ms, quantile, table, timeRuns } from "./support/stats.ts";

const quick = Deno.args.includes("--quick");
const only = Deno.args.find((a) => a.startsWith("--only="))?.slice(7).split(",");

/** A transport that remembers which functions each update called. */
class Recording implements RpcTransport {
  log: string[] = [];
  constructor(readonly inner: RpcTransport) {}
  get calls() {
    return this.inner.calls;
  }
  call(fn: string, args: RpcArgs) {
    this.log.push(fn);
    return this.inner.call(fn, args);
  }
  close() {
    return this.inner.close();
  }
}

async function database(cluster: Cluster, name: string, pool = 10): Promise<SqlClient> {
  const admin = postgresClient(cluster.url, { max: 1 });
  await admin.query(`create database ${name}`);
  await admin.close();
  const url = new URL(cluster.url);
  url.pathname = `/${name}`;
  const client = postgresClient(url.toString(), { max: pool });
  await migrate(client);
  return client;
}

async function updateHandling(cluster: Cluster): Promise<string> {
  const client = await database(cluster, "bench_updates");
  const recording = new Recording(new SqlTransport(client));
  const ledger = new Ledger(recording);
  const bot = benchBot(ledger);
  let updateId = 1;
  const say = (text: string, user = 1) => bot.handleUpdate(textUpdate(updateId++, user, text));
  await ledger.startUser({
    actor: 1,
    updateId: updateId++,
    displayName: "Owner",
    mayOpenShop: true,
  });
  await say("/addcustomer John Smith | 0590000000");
  const runs = quick ? 500 : 3000;
  const purchase = await timeRuns(runs, () => say("/addtransaction 12.50 | bread"));

  const commands = [
    "/addtransaction 1 | milk",
    "/pay 1 | cash",
    "/search",
    "/search jon smth",
    "/summary",
    "/history",
    "/undo",
    "/help",
    "/addcustomer Jane Doe | 0591111111",
    "/addcustomer",
    "Sara Haddad",
    "/skip",
  ];
  const rows: (string | number)[][] = [];
  for (const text of commands) {
    recording.log = [];
    const t = performance.now();
    await say(text);
    rows.push([
      `\`${text}\``,
      recording.log.length,
      recording.log.join(", "),
      ms(performance.now() - t),
    ]);
  }
  await client.close();
  return [
    "### 1. Update handling in process (bot + postgres.js + PostgreSQL 15, Telegram faked)",
    "",
    table(["what", "runs", "p50 ms", "p99 ms", "mean ms"], [[
      "`/addtransaction 12.50 | bread` (loader + record + edit)",
      runs,
      ms(quantile(purchase, 0.5)),
      ms(quantile(purchase, 0.99)),
      ms(purchase.reduce((a, b) => a + b, 0) / runs),
    ]]),
    "",
    "Database round trips per update (a warm session; the operation itself is one of them):",
    "",
    table(["update", "round trips", "calls", "ms"], rows),
  ].join("\n");
}

async function webhookLoad(cluster: Cluster): Promise<string> {
  const client = await database(cluster, "bench_webhook", 20);
  const ledger = new Ledger(new SqlTransport(client));
  await ledger.startUser({ actor: 1, updateId: 1, displayName: "Owner", mayOpenShop: true });
  const customer = await ledger.addCustomer({ actor: 1, updateId: 2, fullName: "John Smith" });
  const members = Array.from({ length: 40 }, (_, i) => 100 + i);
  await client.query(
    `insert into public.members (shop_id, telegram_user_id, role, display_name)
     select 1, m, 'clerk', 'Clerk ' || m from unnest($1::bigint[]) as m`,
    [members],
  );
  const shop = { role: "clerk", shopName: "Owner", currency: "USD", minorUnit: 2 };
  for (const m of members) {
    await ledger.sessionWrite(`member:${m}`, {
      member: shop,
      selected: { id: customer.customer.id, name: "John Smith" },
    });
  }
  const secret = "bench-secret-0123456789abcdef";
  const handler = createWebhookHandler(benchBot(ledger), { secretToken: secret });
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen: () => {} }, handler);
  const url = `http://127.0.0.1:${server.addr.port}/`;
  const run = async (count: number, concurrency: number, first: number) => {
    const out = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--allow-net",
        new URL("./load_client.ts", import.meta.url).pathname,
        url,
        secret,
        String(count),
        String(concurrency),
        String(first),
        ...members.map(String),
      ],
      stdout: "piped",
      stderr: "inherit",
    }).output();
    return JSON.parse(new TextDecoder().decode(out.stdout).trim()) as {
      sent: number;
      ok: number;
      non2xx: number;
      errors: number;
      seconds: number;
      rate: number;
    };
  };
  await run(300, 16, 1_000_000); // warm up
  const count = quick ? 3000 : 20000;
  const rows: (string | number)[][] = [];
  let first = 2_000_000;
  for (const concurrency of [16, 64]) {
    const before = Number(
      (await client.query<{ n: string }>("select count(*) as n from public.transactions"))[0].n,
    );
    const r = await run(count, concurrency, first);
    first += count;
    const after = Number(
      (await client.query<{ n: string }>("select count(*) as n from public.transactions"))[0].n,
    );
    rows.push([concurrency, r.sent, r.rate.toFixed(0), r.ok, r.non2xx + r.errors, after - before]);
  }
  const [check] = await client.query<
    { balance: string; sum: string; actions: string; txs: string }
  >(
    `select c.balance::text as balance,
            (select sum(amount) from public.transactions where customer_id = c.id and voided_at is null)::text as sum,
            (select count(*) from public.actions where action = 'purchase_recorded')::text as actions,
            (select count(*) from public.transactions)::text as txs
       from public.customers as c`,
  );
  await server.shutdown();
  await client.close();
  return [
    "### 2. The HTTP webhook under load from another process (loopback, 2 cores shared by client, server and PostgreSQL)",
    "",
    table([
      "concurrency",
      "updates sent",
      "updates/s",
      "2xx",
      "non-2xx or errors",
      "transactions written",
    ], rows),
    "",
    `Afterwards: balance ${check.balance} = sum of transactions ${check.sum}; ${check.txs} transactions, ${check.actions} purchase actions (one per applied update).`,
  ].join("\n");
}

async function searchScaling(cluster: Cluster): Promise<string> {
  const client = await database(cluster, "bench_search", 4);
  const ledger = new Ledger(new SqlTransport(client));
  const sizes: [string, number, number][] = quick
    ? [["1k customers, one shop", 1, 1_000], ["10k customers, one shop", 1, 10_000], [
      "100k customers, one shop",
      1,
      100_000,
    ]]
    : [
      ["1k customers, one shop", 1, 1_000],
      ["10k customers, one shop", 1, 10_000],
      ["100k customers, one shop", 1, 100_000],
      ["1M customers over 10,000 shops (100 each)", 10_000, 100],
    ];
  const rows: (string | number)[][] = [];
  let shopsSoFar = 0;
  for (const [label, shops, perShop] of sizes) {
    const t = performance.now();
    // Each size gets its own shops, after the previous ones.
    const owners = await seedShops(client, shopsSoFar + 1, shops, perShop);
    shopsSoFar += shops;
    const seeded = performance.now() - t;
    const owner = owners.at(-1)!;
    const runs = quick ? 150 : 600;
    const times = await timeRuns(
      runs,
      (i) =>
        ledger.listCustomers(owner, { query: SEARCHES[Math.abs(i) % SEARCHES.length], limit: 8 }),
      30,
    );
    const list = await timeRuns(
      quick ? 30 : 100,
      () => ledger.listCustomers(owner, { limit: 8 }),
      5,
    );
    const [total] = await client.query<{ n: string }>(
      "select count(*)::text as n from public.customers",
    );
    rows.push([
      label,
      total.n,
      ms(quantile(times, 0.5)),
      ms(quantile(times, 0.95)),
      ms(quantile(times, 0.99)),
      ms(quantile(list, 0.5)),
      `${(seeded / 1000).toFixed(0)} s`,
    ]);
  }
  await client.close();
  return [
    "### 3. Search latency (`list_customers` with typos, Arabic, phone digits, #tag; through the SQL gateway)",
    "",
    table([
      "data",
      "customers in the database",
      "search p50 ms",
      "p95 ms",
      "p99 ms",
      "list all p50 ms",
      "seeding took",
    ], rows),
  ].join("\n");
}

async function atomicVersusTutorial(cluster: Cluster): Promise<string> {
  const client = await database(cluster, "bench_tutorial", 20);
  const ledger = new Ledger(new SqlTransport(client));
  await ledger.startUser({ actor: 1, updateId: 1, displayName: "Owner", mayOpenShop: true });
  const a = (await ledger.addCustomer({ actor: 1, updateId: 2, fullName: "Atomic" })).customer.id;
  const b = (await ledger.addCustomer({ actor: 1, updateId: 3, fullName: "Tutorial" })).customer.id;
  let updateId = 10;
  const atomic = () =>
    ledger.recordPurchase({ actor: 1, updateId: updateId++, customerId: a, amount: 100 });
  // The pattern from tutorials: read the customer, insert the transaction, write the new balance.
  const tutorial = async () => {
    const [c] = await client.query<{ balance: string }>(
      "select balance::text from public.customers where id = $1",
      [b],
    );
    const balance = Number(c.balance) + 100;
    await client.query(
      "insert into public.transactions (shop_id, customer_id, kind, amount, recorded_by, balance_after) values (1, $1, 'purchase', 100, 1, $2)",
      [b, balance],
    );
    await client.query("update public.customers set balance = $2 where id = $1", [b, balance]);
  };
  const runs = quick ? 500 : 3000;
  const tAtomic = await timeRuns(runs, atomic);
  const tTutorial = await timeRuns(runs, tutorial);
  // Correctness under concurrency: 200 purchases of 1.00 at once on each.
  const startA = Number(
    (await client.query<{ b: string }>(
      "select balance::text as b from public.customers where id = $1",
      [a],
    ))[0].b,
  );
  const startB = Number(
    (await client.query<{ b: string }>(
      "select balance::text as b from public.customers where id = $1",
      [b],
    ))[0].b,
  );
  await Promise.all(Array.from({ length: 200 }, () => atomic()));
  await Promise.all(Array.from({ length: 200 }, () => tutorial()));
  const endA = Number(
    (await client.query<{ b: string }>(
      "select balance::text as b from public.customers where id = $1",
      [a],
    ))[0].b,
  );
  const endB = Number(
    (await client.query<{ b: string }>(
      "select balance::text as b from public.customers where id = $1",
      [b],
    ))[0].b,
  );
  await client.close();
  const pA = quantile(tAtomic, 0.5);
  const pT = quantile(tTutorial, 0.5);
  return [
    "### 4. One atomic RPC versus the tutorial pattern (same postgres.js gateway, sequential)",
    "",
    table([
      "pattern",
      "round trips",
      "p50 ms",
      "p99 ms",
      "200 concurrent purchases of 1.00: balance rose by",
      "lost updates",
    ], [
      [
        "`record_purchase` RPC (atomic, locked, logged, idempotent)",
        1,
        ms(pA),
        ms(quantile(tAtomic, 0.99)),
        ((endA - startA) / 100).toFixed(2),
        (20000 - (endA - startA)) / 100,
      ],
      [
        "select + insert + update (no lock, no log, no idempotency)",
        3,
        ms(pT),
        ms(quantile(tTutorial, 0.99)),
        ((endB - startB) / 100).toFixed(2),
        (20000 - (endB - startB)) / 100,
      ],
    ]),
    "",
    `Ratio: the tutorial pattern takes ${
      (pT / pA).toFixed(2)
    }× the time of the atomic RPC at the median, and loses updates under concurrency.`,
  ].join("\n");
}

async function coldStart(): Promise<string> {
  const root = new URL("../", import.meta.url).pathname;
  const probe = new URL("./support/cold_probe.ts", import.meta.url).pathname;
  const times: number[] = [];
  for (let i = 0; i < (quick ? 8 : 20); i++) {
    const out = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", probe],
      cwd: root,
      stdout: "piped",
      stderr: "inherit",
    }).output();
    times.push(Number(new TextDecoder().decode(out.stdout).trim()));
  }
  const info = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", "functions/telegram-bot/index.ts"],
    cwd: root,
    stdout: "piped",
  }).output();
  const graph = JSON.parse(new TextDecoder().decode(info.stdout)) as {
    modules: { kind: string; npmPackage?: string }[];
    npmPackages: Record<string, { dependencies?: string[] }>;
  };
  // The npm packages the graph reaches: those it imports, and their dependencies.
  const reached = new Set<string>();
  const visit = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    for (const dep of graph.npmPackages[name]?.dependencies ?? []) visit(dep);
  };
  for (const m of graph.modules) if (m.npmPackage) visit(m.npmPackage);
  const packages = [...reached].map((p) => p.replace(/_.*$/, "")).sort();
  const heavy = packages.filter((p) => /xlsx|exceljs|pglite|^postgres@/.test(p));
  const bundle = await Deno.makeTempFile({ suffix: ".js" });
  await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--minify", "-o", bundle, "functions/telegram-bot/index.ts"],
    cwd: root,
    stdout: "null",
    stderr: "null",
  }).output();
  const bytes = (await Deno.stat(bundle)).size;
  const gz = new Response(
    new Blob([await Deno.readFile(bundle)]).stream().pipeThrough(new CompressionStream("gzip")),
  );
  const gzBytes = (await gz.arrayBuffer()).byteLength;
  await Deno.remove(bundle);
  return [
    "### 5. Cold start of the edge function",
    "",
    table(["measure", "value", "aim"], [
      [
        `import of the function's module graph, median of ${times.length} fresh processes`,
        `${ms(quantile(times, 0.5))} ms (p95 ${ms(quantile(times, 0.95))} ms)`,
        "≤ 150 ms",
      ],
      [
        "bundle (`deno bundle --minify`)",
        `${(bytes / 1024).toFixed(0)} KB (${(gzBytes / 1024).toFixed(0)} KB gzipped)`,
        "≤ 5 MB",
      ],
      [
        "npm packages in the graph",
        packages.map((p) => p.replace(/_.*$/, "")).sort().join(", "),
        "no xlsx, PGlite or postgres.js",
      ],
      ["heavy packages found", heavy.length ? heavy.join(", ") : "none", "none"],
    ]),
  ].join("\n");
}

const sections: [string, (c: Cluster) => Promise<string>][] = [
  ["updates", updateHandling],
  ["webhook", webhookLoad],
  ["search", searchScaling],
  ["tutorial", atomicVersusTutorial],
  ["cold", () => coldStart()],
];
const cluster = await startCluster();
try {
  console.log(
    `# PayTrack benchmarks (${new Date().toISOString().slice(0, 10)}, ${
      quick ? "quick" : "full"
    } sizes, ${Deno.build.target}, ${navigator.hardwareConcurrency} cores)\n`,
  );
  for (const [name, section] of sections) {
    if (only && !only.includes(name)) continue;
    const t = performance.now();
    console.log(await section(cluster));
    console.log(`\n_(${name}: ${((performance.now() - t) / 1000).toFixed(0)} s)_\n`);
  }
} finally {
  await cluster.stop();
}
