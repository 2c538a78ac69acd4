import type http from "node:http";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { InvalidInputError, PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors";

const gunzip = promisify(zlib.gunzip);

/** A Fetch request (route handlers) or a Node request (the custom server's OpAMP over HTTP). */
export type BodySource = Request | http.IncomingMessage;

function header(src: BodySource, name: string): string | null {
  const h = src.headers;
  if (typeof (h as Headers).get === "function") return (h as Headers).get(name);
  const v = (h as http.IncomingHttpHeaders)[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
}

function chunksOf(src: BodySource): AsyncIterable<Uint8Array> | null {
  return Symbol.asyncIterator in src ? src : (src.body as AsyncIterable<Uint8Array> | null);
}

/**
 * Reads a request body without ever holding more than `maxBytes`: a larger Content-Length is refused before
 * reading, and the stream is abandoned (which cancels it) as soon as the bytes read pass the cap.
 */
export async function readBody(src: BodySource, maxBytes: number): Promise<Buffer> {
  const tooLarge = () => new PayloadTooLargeError(`Request body exceeds ${maxBytes} bytes`);
  if (Number(header(src, "content-length") ?? 0) > maxBytes) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  const stream = chunksOf(src);
  if (stream) {
    for await (const chunk of stream) {
      size += chunk.byteLength;
      if (size > maxBytes) throw tooLarge();
      chunks.push(Buffer.from(chunk));
    }
  }
  return Buffer.concat(chunks);
}

/**
 * The body after its Content-Encoding (identity or gzip; 415 otherwise), gunzipped under the same cap so a small
 * compressed body cannot expand past it (413).
 */
export async function readDecodedBody(src: BodySource, maxBytes: number): Promise<Buffer> {
  const raw = await readBody(src, maxBytes);
  const coding = (header(src, "content-encoding") ?? "identity").trim().toLowerCase();
  if (coding === "identity" || coding === "") return raw;
  if (coding !== "gzip")
    throw new UnsupportedMediaTypeError(`Unsupported Content-Encoding "${coding}" (use gzip or none)`);
  try {
    return await gunzip(raw, { maxOutputLength: maxBytes });
  } catch (err) {
    if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
      throw new PayloadTooLargeError(`Decompressed body exceeds ${maxBytes} bytes`);
    throw new InvalidInputError("Could not decompress the gzip body");
  }
}
