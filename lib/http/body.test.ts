import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors";
import { readBody, readDecodedBody } from "./body";

/** A streamed request (no Content-Length) whose chunks are recorded as they are pulled. */
function streamed(chunks: Uint8Array[], headers: Record<string, string> = {}) {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled === chunks.length) return controller.close();
      controller.enqueue(chunks[pulled++]);
    },
    cancel() {
      cancelled = true;
    },
  });
  const req = new Request("http://x/", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { req, pulled: () => pulled, cancelled: () => cancelled };
}

const bytes = (n: number) => new Uint8Array(n).fill(1);

describe("readBody", () => {
  it("stops with 413 as soon as the cap is passed mid-stream, without reading the rest", async () => {
    const s = streamed([bytes(6), bytes(6), bytes(6), bytes(6)]);
    await expect(readBody(s.req, 10)).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect(s.pulled()).toBeLessThan(4);
    expect(s.cancelled()).toBe(true);
  });

  it("accepts a body of exactly the cap", async () => {
    const s = streamed([bytes(4), bytes(6)]);
    expect((await readBody(s.req, 10)).length).toBe(10);
  });

  it("reads an empty or absent body as zero bytes", async () => {
    expect((await readBody(streamed([]).req, 10)).length).toBe(0);
    expect((await readBody(new Request("http://x/", { method: "POST" }), 10)).length).toBe(0);
  });

  it("refuses a declared Content-Length over the cap before reading", async () => {
    const req = new Request("http://x/", { method: "POST", body: bytes(11), headers: { "content-length": "11" } });
    await expect(readBody(req, 10)).rejects.toThrow("Request body exceeds 10 bytes");
  });
});

describe("readDecodedBody", () => {
  it("gunzips under the same cap, and refuses other encodings with 415", async () => {
    const gz = gzipSync(Buffer.from("hello"));
    expect((await readDecodedBody(streamed([gz], { "content-encoding": "gzip" }).req, 64)).toString()).toBe("hello");
    const bomb = gzipSync(bytes(10_000));
    expect(bomb.length).toBeLessThan(64);
    await expect(readDecodedBody(streamed([bomb], { "content-encoding": "gzip" }).req, 64)).rejects.toThrow(
      "Decompressed body exceeds 64 bytes",
    );
    await expect(readDecodedBody(streamed([bytes(1)], { "content-encoding": "br" }).req, 64)).rejects.toBeInstanceOf(
      UnsupportedMediaTypeError,
    );
  });
});
