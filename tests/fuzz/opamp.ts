import fc from "fast-check";
import { decodeServerToAgent, encodeAgentToServer, newUid, TestAgent } from "../helpers/opamp-ws-client";
import type { Outcomes } from "./outcomes";

const ERROR_TYPES = ["BAD_REQUEST", "UNAVAILABLE"];
const errorName = (reply: Record<string, any>) =>
  reply.error_response ? (ERROR_TYPES[(reply.error_response.type ?? 0) - 1] ?? "UNKNOWN") : "ok";

/** Strings with what databases and decoders choke on mixed in: NUL, lone surrogates, long and non-ASCII text. */
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("\u0000", "a\u0000b", "\ud800", "x\udfff", "\ufffd", "%00", "' or 1=1 --", "é".repeat(300)),
);
const bytes = (max: number) => fc.uint8Array({ maxLength: max }).map((b) => Buffer.from(b));
const uint64 = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.constantFrom(0n, 2n ** 63n, 2n ** 64n - 1n));
const anyValue = fc.oneof(
  text.map((v) => ({ string_value: v })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((v) => ({ int_value: String(v) })),
  fc.boolean().map((v) => ({ bool_value: v })),
  fc.double().map((v) => ({ double_value: v })),
  bytes(20).map((v) => ({ bytes_value: v })),
);
const kv = fc.record({ key: fc.oneof(text, fc.constantFrom("service.name", "host.name", "os.type")), value: anyValue });
const health = fc.record(
  {
    healthy: fc.boolean(),
    start_time_unix_nano: uint64.map(String),
    last_error: text,
    status: text,
    component_health_map: fc.dictionary(text, fc.record({ healthy: fc.boolean(), last_error: text }), { maxKeys: 3 }),
  },
  { requiredKeys: [] },
);

/** An AgentToServer as the proto's fields, every sub-message optional and full of hostile values. */
const agentToServer = fc.record(
  {
    instance_uid: fc.oneof(fc.constant(undefined), bytes(20)),
    sequence_num: uint64.map(String),
    capabilities: uint64.map(String),
    flags: uint64.map(String),
    agent_description: fc.record({
      identifying_attributes: fc.array(kv, { maxLength: 4 }),
      non_identifying_attributes: fc.array(kv, { maxLength: 4 }),
    }),
    health,
    effective_config: fc.record({
      config_map: fc.record({
        config_map: fc.dictionary(text, fc.record({ body: bytes(200), content_type: text }), { maxKeys: 2 }),
      }),
    }),
    remote_config_status: fc.record(
      { last_remote_config_hash: bytes(40), status: fc.integer({ min: 0, max: 6 }), error_message: text },
      { requiredKeys: [] },
    ),
    package_statuses: fc.record({ packages: fc.constant({}), error_message: text }, { requiredKeys: [] }),
    available_components: fc.record({ hash: bytes(40) }, { requiredKeys: [] }),
    connection_settings_status: fc.record(
      { last_connection_settings_hash: bytes(40), status: fc.integer({ min: 0, max: 4 }), error_message: text },
      { requiredKeys: [] },
    ),
    agent_disconnect: fc.constant({}),
  },
  { requiredKeys: [] },
);

type Mutation = { op: "flip" | "cut" | "insert" | "drop"; at: number; byte: number };
const mutation = fc.record({
  op: fc.constantFrom<Mutation["op"]>("flip", "cut", "insert", "drop"),
  at: fc.nat(),
  byte: fc.integer({ min: 0, max: 255 }),
});

function mutate(buf: Buffer, ms: Mutation[]): Buffer {
  let b = Buffer.from(buf);
  for (const m of ms) {
    const at = b.length ? m.at % b.length : 0;
    if (m.op === "flip" && b.length) b[at] ^= 1 << (m.byte % 8);
    else if (m.op === "cut") b = b.subarray(0, at);
    else if (m.op === "insert") b = Buffer.concat([b.subarray(0, at), Buffer.from([m.byte]), b.subarray(at)]);
    else if (m.op === "drop") b = Buffer.concat([b.subarray(0, at), b.subarray(at + 1)]);
  }
  return b;
}

/** One fuzz case: the AgentToServer bytes (valid, mutated or random) and, over WebSocket, the header and frame kind. */
export type OpampCase = { body: Buffer; header: number; text: boolean; fields?: unknown };

export const opampCase = (uid: Buffer): fc.Arbitrary<OpampCase> =>
  fc.record({
    body: fc.oneof(
      { weight: 5, arbitrary: agentToServer.map((f) => encode(uid, f)) },
      {
        weight: 3,
        arbitrary: fc
          .tuple(agentToServer, fc.array(mutation, { minLength: 1, maxLength: 4 }))
          .map(([f, ms]) => mutate(encode(uid, f), ms)),
      },
      { weight: 1, arbitrary: bytes(300) },
    ),
    header: fc.oneof(
      { weight: 20, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 255 }) },
    ),
    text: fc.oneof({ weight: 30, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  });

function encode(uid: Buffer, fields: Record<string, unknown>): Buffer {
  return encodeAgentToServer({ ...fields, instance_uid: fields.instance_uid ?? uid });
}

const describeCase = (c: OpampCase) => `header=${c.header} text=${c.text} body=${c.body.toString("base64")}`;

/** Sends each case over one WebSocket (reconnecting when the server closes it) and counts the answers. */
export async function fuzzOpampWs(opts: { wsUrl: string; token: string; cases: number; seed?: number; out: Outcomes }) {
  const uid = newUid();
  let agent = await TestAgent.connect(opts.wsUrl, opts.token, { uid });
  for (const c of fc.sample(opampCase(uid), { numRuns: opts.cases, seed: opts.seed })) {
    if (agent.ws.readyState !== agent.ws.OPEN) agent = await TestAgent.connect(opts.wsUrl, opts.token, { uid });
    agent.sendFrame(c.text ? c.body : Buffer.concat([Buffer.from([c.header]), c.body]), !c.text);
    const answer = await Promise.race([
      agent.next(10_000).then(
        (r) => `ws reply ${errorName(r)}`,
        () => "ws no reply",
      ),
      agent.closed.then((cl) => `ws close ${cl.code}`),
    ]);
    opts.out.add(answer, () => describeCase(c));
  }
  agent.ws.close();
}

/** POSTs each case's bytes to the plain-HTTP transport and counts the statuses (and error replies on 200). */
export async function fuzzOpampHttp(opts: {
  httpUrl: string;
  token: string;
  cases: number;
  seed?: number;
  out: Outcomes;
}) {
  const uid = newUid();
  for (const c of fc.sample(opampCase(uid), { numRuns: opts.cases, seed: opts.seed })) {
    let key: string;
    try {
      const res = await fetch(opts.httpUrl, {
        method: "POST",
        headers: { authorization: `Bearer ${opts.token}`, "content-type": "application/x-protobuf" },
        body: new Uint8Array(c.body),
      });
      const reply = Buffer.from(await res.arrayBuffer());
      key = res.status === 200 ? `http 200 ${errorName(decodeServerToAgent(reply))}` : `http ${res.status}`;
    } catch (err) {
      key = `http transport error ${(err as Error).message}`;
    }
    opts.out.add(key, () => describeCase(c));
  }
}
