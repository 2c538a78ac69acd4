export * from "./orgs";
export * from "./audit";
export * from "./gateways";
export * from "./templates";
export * from "./routes";
export * from "./samples";
export * from "./transforms";
export * from "./alerts";
