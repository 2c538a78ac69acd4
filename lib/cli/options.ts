type Flag = { type: "boolean" };
type Text = { type: "string" };
type Words<S extends string> = S extends `${infer Head} ${infer Rest}` ? Head | Words<Rest> : S;

/**
 * `parseArgs` options of a command: `--json`, `-h/--help`, the text options and the flags, each list given as
 * space-separated names ("org signal steps").
 */
export function cliOptions<S extends string, B extends string = never>(strings: S, flags?: B) {
  const names = (list: string | undefined) => (list ? list.split(" ") : []);
  return {
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
    ...Object.fromEntries(names(strings).map((s) => [s, { type: "string" }])),
    ...Object.fromEntries(names(flags).map((f) => [f, { type: "boolean" }])),
  } as { json: Flag; help: { type: "boolean"; short: "h" } } & { [K in Words<S>]: Text } & { [K in Words<B>]: Flag };
}
