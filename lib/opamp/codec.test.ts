import { describe, expect, it } from "vitest";
import {
  decodeAgentToServer,
  decodeServerToAgent,
  encodeServerToAgent,
  frameWsMessage,
  unframeWsMessage,
} from "./codec";
import { uuidv7Bytes, uidToString } from "./uid";
import { acceptsGzip } from "./http-transport";

// Hand-assembled protobuf bytes (field tag = number << 3 | wire type), independent of protobufjs.
const uid = Buffer.from("0190f1e2d3c4b5a69788796a5b4c3d2e", "hex");
const field = (tag: number, bytes: Buffer) => Buffer.concat([Buffer.from([tag, bytes.length]), bytes]);

describe("WebSocket framing", () => {
  it("prepends the single 0x00 header byte and strips it again", () => {
    const framed = frameWsMessage(Buffer.from([1, 2, 3]));
    expect([...framed]).toEqual([0, 1, 2, 3]);
    expect(unframeWsMessage(framed)).toEqual({ ok: true, data: Buffer.from([1, 2, 3]), legacy: false });
  });

  it("accepts a header-only message as an empty AgentToServer, and a legacy message without header", () => {
    expect(unframeWsMessage(Buffer.from([0]))).toMatchObject({ ok: true, data: Buffer.alloc(0) });
    const legacy = field(0x0a, uid);
    expect(unframeWsMessage(legacy)).toEqual({ ok: true, data: legacy, legacy: true });
  });

  it("refuses a non-zero header, a truncated varint and an empty message", () => {
    expect(unframeWsMessage(Buffer.from([0x05, 0x0a]))).toEqual({
      ok: false,
      error: "unsupported OpAMP header value 5 (expected 0)",
    });
    expect(unframeWsMessage(Buffer.from([0x80, 0x80]))).toEqual({ ok: false, error: "malformed OpAMP header varint" });
    expect(unframeWsMessage(Buffer.alloc(0)).ok).toBe(false);
    // 0 in a non-minimal two-byte varint is still the header value 0.
    expect(unframeWsMessage(Buffer.from([0x80, 0x00, 0x0a]))).toMatchObject({ ok: true, data: Buffer.from([0x0a]) });
  });
});

describe("AgentToServer decoding", () => {
  it("keeps uint64 exact and tells a present empty sub-message from an absent one", () => {
    // instance_uid, sequence_num = 2^63 + 1 (varint), agent_disconnect = {} (field 9, empty)
    const seq = Buffer.from([0x81, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]);
    const bytes = Buffer.concat([field(0x0a, uid), Buffer.from([0x10]), seq, Buffer.from([0x4a, 0x00])]);
    const msg = decodeAgentToServer(bytes);
    expect(Buffer.from(msg.instanceUid).equals(uid)).toBe(true);
    expect(msg.sequenceNum).toBe(2n ** 63n + 1n);
    expect(msg.agentDisconnect).toEqual({});
    expect(msg.health).toBeUndefined();
    expect(decodeAgentToServer(field(0x0a, uid)).agentDisconnect).toBeUndefined();
  });

  it("gives every message the same fields, absent sub-messages as undefined (one object shape for the handler)", () => {
    const heartbeat = decodeAgentToServer(field(0x0a, uid));
    const goodbye = decodeAgentToServer(Buffer.concat([field(0x0a, uid), Buffer.from([0x4a, 0x00])]));
    expect(Object.keys(goodbye)).toEqual(Object.keys(heartbeat));
    expect(Object.keys(heartbeat)).toHaveLength(15); // AgentToServer's fields in opamp.proto
    expect(heartbeat.agentDisconnect).toBeUndefined();
    expect(goodbye.agentDisconnect).toEqual({});
  });

  it("throws on truncated protobuf", () => {
    expect(() => decodeAgentToServer(Buffer.from([0x0a, 0x10, 0x01, 0x02]))).toThrow();
  });
});

describe("ServerToAgent encoding", () => {
  it("encodes the Restart command as a present, empty sub-message", () => {
    const bytes = Buffer.from(encodeServerToAgent({ instanceUid: uid, command: { type: 0 } }));
    expect(bytes.equals(Buffer.concat([field(0x0a, uid), Buffer.from([0x4a, 0x00])]))).toBe(true);
  });

  it("round-trips a config map keyed by the empty name and uint64 capabilities", () => {
    const bytes = encodeServerToAgent({
      instanceUid: uid,
      capabilities: 0x27n,
      remoteConfig: {
        config: { configMap: { "": { body: Buffer.from("a: 1"), contentType: "text/yaml" } } },
        configHash: Buffer.alloc(32, 7),
      },
    });
    const back = decodeServerToAgent(bytes) as {
      capabilities: string;
      remoteConfig: { config: { configMap: Record<string, { body: Buffer }> } };
    };
    expect(back.capabilities).toBe("39");
    expect(Buffer.from(back.remoteConfig.config.configMap[""].body).toString()).toBe("a: 1");
  });
});

describe("ServerToAgent encoding of a shared RemoteConfig", () => {
  it("gives every agent its own uid and fields around the same config, decoding exactly as a fresh encoding", () => {
    const rc = {
      config: { configMap: { "": { body: Buffer.from("receivers: {}\n"), contentType: "text/yaml" } } },
      configHash: Buffer.alloc(32, 3),
    };
    const other = Buffer.from("0190f1e2d3c4b5a69788796a5b4c3d2f", "hex");
    const first = decodeServerToAgent(encodeServerToAgent({ instanceUid: uid, remoteConfig: rc }));
    const second = decodeServerToAgent(
      encodeServerToAgent({ instanceUid: other, flags: 1n, capabilities: 0x27n, remoteConfig: rc }),
    );
    const fresh = decodeServerToAgent(
      encodeServerToAgent({
        instanceUid: other,
        flags: 1n,
        capabilities: 0x27n,
        remoteConfig: { ...rc, config: { configMap: { ...rc.config.configMap } } },
      }),
    );
    expect(Buffer.from(first.instanceUid as Buffer).equals(uid)).toBe(true);
    expect(Buffer.from(second.instanceUid as Buffer).equals(other)).toBe(true);
    expect(second).toEqual(fresh);
    expect(first.remoteConfig).toEqual(second.remoteConfig);
    expect(second).toMatchObject({ flags: "1", capabilities: "39" });
  });
});

describe("helpers", () => {
  it("makes 16-byte UUID v7 uids", () => {
    const a = uuidv7Bytes();
    expect(a.length).toBe(16);
    expect(uidToString(a)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("reads Accept-Encoding q-values", () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip("gzip")).toBe(true);
    expect(acceptsGzip("gzip;q=0")).toBe(false);
    expect(acceptsGzip("br, *;q=0.1")).toBe(true);
    expect(acceptsGzip("*;q=0.5, gzip;q=0")).toBe(false);
    expect(acceptsGzip("identity")).toBe(false);
  });
});
