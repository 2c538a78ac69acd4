/** Request header proxy.ts sets to the path (and query) of the page asked for. */
export const REQUESTED_PATH_HEADER = "x-flowgate-requested-path";
