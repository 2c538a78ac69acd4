// Types only (erased at build time): the JSON shapes of the gateway REST routes, as client components receive them.
import type { getGatewayConfig, getGatewayDetail, listGateways } from "../gateways/queries";
import type { Jsonify } from "./json";

export type GatewayList = Jsonify<Awaited<ReturnType<typeof listGateways>>>;
export type GatewayListItem = GatewayList["items"][number];
export type GatewayDetail = Jsonify<Awaited<ReturnType<typeof getGatewayDetail>>>;
export type GatewayConfig = Jsonify<Awaited<ReturnType<typeof getGatewayConfig>>>;
