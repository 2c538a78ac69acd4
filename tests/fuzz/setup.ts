import type { TestServer } from "../helpers/server";
import { opampFixture } from "../integration/opamp-fixtures";
import { fuzzOpampHttp, fuzzOpampWs } from "./opamp";
import { Outcomes } from "./outcomes";
import { bodyRoutes, fuzzRest } from "./rest";

/**
 * Runs the three fuzzers against a server: OpAMP over WebSocket, OpAMP over HTTP (each with its own gateway), then
 * every JSON-body REST route (last, since random bodies may rotate tokens or change settings).
 */
export async function fuzzServer(
  server: TestServer,
  cases: { ws: number; http: number; rest: number },
  seed?: number,
  progress?: (phase: string) => void,
): Promise<Outcomes> {
  const fx = opampFixture(server);
  const out = new Outcomes();
  const [wsGateway, httpGateway] = [await fx.registerGateway("fuzz-ws"), await fx.registerGateway("fuzz-http")];
  const template = await fx.api("POST", "/api/v1/templates", { name: "fuzz", content: "receivers: {}\n" });
  progress?.("opamp ws");
  await fuzzOpampWs({ wsUrl: fx.wsUrl, token: wsGateway.opamp_token, cases: cases.ws, seed, out });
  progress?.("opamp http");
  await fuzzOpampHttp({ httpUrl: fx.httpUrl, token: httpGateway.opamp_token, cases: cases.http, seed, out });
  progress?.("rest");
  const ids = { gatewayId: wsGateway.id, templateId: template.json?.id };
  const routes = await bodyRoutes(server.url, ids);
  await fuzzRest({ baseUrl: server.url, routes, apiKey: (await server.adminKey()).key, cases: cases.rest, seed, out });
  return out;
}
