"use client";
import { useId } from "react";
import { Button } from "@/app/_components/ui/button";
import { Input } from "@/app/_components/ui/input";
import { cn } from "@/lib/ui/cn";

/** The slice of JSON Schema (as `z.toJSONSchema` writes it) the step forms are drawn from. */
export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  description?: string;
  title?: string;
  minimum?: number;
  maximum?: number;
};

export type FieldErrors = Record<string, string[]>;
type Value = Record<string, unknown>;

const control = "border-input h-8 rounded-md border bg-transparent px-2 text-sm";

/**
 * One step's fields, drawn from its zod schema's JSON Schema so every step kind the engine offers gets a form
 * without a hand-written component; `errors` are the zod issues keyed by dotted path, shown under their field.
 */
export function SchemaForm({
  schema,
  value,
  onChange,
  errors,
  path = [],
}: {
  schema: JsonSchema;
  value: Value;
  onChange: (next: Value) => void;
  errors: FieldErrors;
  path?: string[];
}) {
  // `kind` and `enabled` are drawn by the step's header; discriminators (consts) by the union's select.
  const props = Object.entries(schema.properties ?? {}).filter(
    ([key, p]) => !(path.length === 0 && (key === "kind" || key === "enabled")) && p.const === undefined,
  );
  return (
    <div className="grid gap-2">
      {props.map(([key, prop]) => (
        <Field
          key={key}
          name={key}
          schema={prop}
          required={schema.required?.includes(key) ?? false}
          value={value[key]}
          onChange={(v) => onChange(setKey(value, key, v))}
          errors={errors}
          path={[...path, key]}
        />
      ))}
    </div>
  );
}

function Field({
  name,
  schema,
  required,
  value,
  onChange,
  errors,
  path,
}: {
  name: string;
  schema: JsonSchema;
  required: boolean;
  value: unknown;
  onChange: (v: unknown) => void;
  errors: FieldErrors;
  path: string[];
}) {
  const id = useId();
  const dotted = path.join(".");
  const s = unwrapNullable(schema);
  // A list of plain values is one control, so its items' messages show under it; nested forms show their own.
  const leafList = typeOf(s) === "array" && !!s.items && !isObject(s.items) && !unionOf(s.items);
  const own = Object.entries(errors)
    .filter(([k]) => k === dotted || (leafList && k.startsWith(`${dotted}.`)))
    .flatMap(([, m]) => m);
  const label = schema.title ?? humanize(name);
  const invalid = own.length > 0;
  const describedBy = invalid ? `${id}-error` : schema.description ? `${id}-help` : undefined;
  let input: React.ReactNode;

  const choices = enumChoices(s);
  if (choices) {
    input = (
      <select
        id={id}
        className={control}
        value={value === undefined ? "" : String(value)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) =>
          onChange(e.target.value === "" ? undefined : choices.find((c) => String(c) === e.target.value))
        }
      >
        {(!required || value === undefined) && <option value="">{required ? "Choose…" : "—"}</option>}
        {choices.map((c) => (
          <option key={String(c)} value={String(c)}>
            {humanize(String(c))}
          </option>
        ))}
      </select>
    );
  } else if (typeOf(s) === "boolean") {
    return (
      <label className="flex items-center gap-2 text-sm">
        <input
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={describedBy}
        />
        {label}
        {own.length > 0 && <FieldError id={`${id}-error`} messages={own} />}
      </label>
    );
  } else if (typeOf(s) === "number" || typeOf(s) === "integer") {
    input = (
      <Input
        id={id}
        type="number"
        className="h-8 w-32"
        value={typeof value === "number" ? value : ""}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        step={typeOf(s) === "integer" ? 1 : "any"}
        min={bound(s.minimum)}
        max={bound(s.maximum)}
        onChange={(e) => onChange(e.target.value === "" ? undefined : Number(e.target.value))}
      />
    );
  } else if (typeOf(s) === "array" && s.items && ["string", "number", "integer"].includes(typeOf(s.items) ?? "")) {
    const numeric = typeOf(s.items) !== "string";
    input = (
      <Input
        id={id}
        className="h-8 font-mono"
        value={Array.isArray(value) ? value.join(", ") : ""}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        placeholder="comma-separated"
        onChange={(e) => {
          const parts = e.target.value
            .split(",")
            .map((p) => p.trim())
            .filter((p, i, all) => p !== "" || i < all.length - 1);
          onChange(numeric ? parts.map(Number) : parts);
        }}
      />
    );
  } else if (typeOf(s) === "array" && s.items && (isObject(s.items) || unionOf(s.items))) {
    return (
      <fieldset className="grid gap-2 rounded-md border p-2">
        <legend className="px-1 text-xs font-medium">{label}</legend>
        <ObjectList
          items={s.items}
          value={Array.isArray(value) ? value : []}
          onChange={onChange}
          errors={errors}
          path={path}
          noun={singular(label)}
        />
        {own.length > 0 && <FieldError id={`${id}-error`} messages={own} />}
      </fieldset>
    );
  } else if (unionOf(s)) {
    return (
      <UnionFields
        schema={s}
        value={isRecord(value) ? value : {}}
        onChange={onChange}
        errors={errors}
        path={path}
        label={label}
      />
    );
  } else if (isObject(s)) {
    return (
      <fieldset className="grid gap-2 rounded-md border p-2">
        <legend className="px-1 text-xs font-medium">{label}</legend>
        <SchemaForm schema={s} value={isRecord(value) ? value : {}} onChange={onChange} errors={errors} path={path} />
      </fieldset>
    );
  } else if (scalarUnion(s)) {
    input = (
      <Input
        id={id}
        className="h-8 font-mono"
        defaultValue={value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value)}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        placeholder='text, a number, true/false; "quote" to force text'
        onChange={(e) => onChange(e.target.value === "" && !required ? undefined : scalarFrom(e.target.value))}
      />
    );
  } else if (typeOf(s) === "string") {
    input = (
      <Input
        id={id}
        className="h-8 font-mono"
        value={typeof value === "string" ? value : ""}
        aria-invalid={invalid}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value === "" && !required ? undefined : e.target.value)}
      />
    );
  } else {
    input = <JsonField id={id} value={value} onChange={onChange} invalid={invalid} describedBy={describedBy} />;
  }
  return (
    <div className="grid gap-1">
      <label htmlFor={id} className="text-xs font-medium">
        {label}
        {required ? "" : <span className="text-muted-foreground font-normal"> (optional)</span>}
      </label>
      {input}
      {schema.description && !invalid && (
        <p id={`${id}-help`} className="text-muted-foreground text-xs">
          {schema.description}
        </p>
      )}
      {invalid && <FieldError id={`${id}-error`} messages={own} />}
    </div>
  );
}

/** A list of objects (conditions, mappings): each item its own small form, with add and remove. */
function ObjectList({
  items,
  value,
  onChange,
  errors,
  path,
  noun,
}: {
  items: JsonSchema;
  value: unknown[];
  onChange: (v: unknown[]) => void;
  errors: FieldErrors;
  path: string[];
  noun: string;
}) {
  const blank = () => {
    const u = unionOf(items);
    return u ? { ...defaultsFor(u.options[0]), [u.key]: u.options[0].properties![u.key].const } : defaultsFor(items);
  };
  return (
    <div className="grid gap-2">
      {value.map((item, i) => (
        <div key={i} className="bg-muted/30 grid gap-2 rounded-md p-2" data-testid="list-item">
          <div className="flex items-start gap-2">
            <div className="flex-1">
              {(() => {
                const props = {
                  schema: items,
                  value: isRecord(item) ? item : {},
                  onChange: (v: Value) => onChange(value.map((x, j) => (j === i ? v : x))),
                  errors,
                  path: [...path, String(i)],
                };
                return unionOf(items) ? (
                  <UnionFields {...props} label={`${noun} ${i + 1}`} />
                ) : (
                  <SchemaForm {...props} />
                );
              })()}
            </div>
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              aria-label={`Remove ${noun.toLowerCase()} ${i + 1}`}
            >
              Remove
            </Button>
          </div>
        </div>
      ))}
      <div>
        <Button type="button" variant="outline" size="sm" onClick={() => onChange([...value, blank()])}>
          Add {noun.toLowerCase()}
        </Button>
      </div>
    </div>
  );
}

/** A discriminated union (a condition's `type`): a select for the variant, then that variant's fields. */
function UnionFields({
  schema,
  value,
  onChange,
  errors,
  path,
  label,
}: {
  schema: JsonSchema;
  value: Value;
  onChange: (v: Value) => void;
  errors: FieldErrors;
  path: string[];
  label: string;
}) {
  const id = useId();
  const { key, options } = unionOf(schema)!;
  const current = options.find((o) => o.properties![key].const === value[key]) ?? options[0];
  return (
    <div className="grid gap-2">
      <div className="grid gap-1">
        <label htmlFor={id} className="text-xs font-medium">
          {label}: {humanize(key)}
        </label>
        <select
          id={id}
          className={control}
          value={String(current.properties![key].const)}
          onChange={(e) => {
            const next = options.find((o) => String(o.properties![key].const) === e.target.value)!;
            onChange({ ...defaultsFor(next), [key]: next.properties![key].const });
          }}
        >
          {options.map((o) => {
            const c = String(o.properties![key].const);
            return (
              <option key={c} value={c}>
                {humanize(c)}
              </option>
            );
          })}
        </select>
      </div>
      <SchemaForm
        schema={current}
        value={value}
        onChange={(v) => onChange({ ...v, [key]: current.properties![key].const })}
        errors={errors}
        path={path}
      />
    </div>
  );
}

/** Anything the simple controls cannot draw (unions of objects, lists of objects): edited as JSON. */
function JsonField({
  id,
  value,
  onChange,
  invalid,
  describedBy,
}: {
  id: string;
  value: unknown;
  onChange: (v: unknown) => void;
  invalid: boolean;
  describedBy?: string;
}) {
  return (
    <textarea
      id={id}
      rows={3}
      className={cn(control, "h-auto py-1 font-mono text-xs")}
      defaultValue={value === undefined ? "" : JSON.stringify(value)}
      aria-invalid={invalid}
      aria-describedby={describedBy}
      onChange={(e) => {
        if (e.target.value.trim() === "") return onChange(undefined);
        try {
          onChange(JSON.parse(e.target.value));
        } catch {
          /* kept as typed until it parses */
        }
      }}
    />
  );
}

function FieldError({ id, messages }: { id: string; messages: string[] }) {
  return (
    <p id={id} className="text-destructive text-xs" data-testid="step-field-error">
      {[...new Set(messages)].join("; ")}
    </p>
  );
}

/** The value a new step starts with: the schema's defaults, and the first choice of a required enum. */
export function defaultsFor(schema: JsonSchema): Value {
  const out: Value = {};
  for (const [key, raw] of Object.entries(schema.properties ?? {})) {
    const p = unwrapNullable(raw);
    if (raw.default !== undefined) out[key] = raw.default;
    else if (p.const !== undefined) out[key] = p.const;
    else if (!schema.required?.includes(key)) continue;
    else if (enumChoices(p)) out[key] = enumChoices(p)![0];
    else if (isObject(p)) out[key] = defaultsFor(p);
    else if (typeOf(p) === "array") out[key] = [];
    else if (typeOf(p) === "boolean") out[key] = false;
  }
  return out;
}

function setKey(value: Value, key: string, v: unknown): Value {
  const next = { ...value };
  if (v === undefined) delete next[key];
  else next[key] = v;
  return next;
}

/** The options of a union of objects told apart by one constant property, and that property's name. */
function unionOf(s: JsonSchema): { key: string; options: JsonSchema[] } | null {
  const alts = s.oneOf ?? s.anyOf;
  if (!alts || alts.length < 2 || !alts.every(isObject)) return null;
  const key = Object.keys(alts[0].properties!).find((k) => alts.every((a) => a.properties![k]?.const !== undefined));
  return key ? { key, options: alts } : null;
}

/** A value that may be text, a number or a boolean (an attribute value): typed as one field. */
function scalarUnion(s: JsonSchema): boolean {
  const alts = s.anyOf ?? s.oneOf;
  const types = alts ? alts.map(typeOf) : Array.isArray(s.type) ? s.type : [];
  return types.length > 1 && types.every((t) => t === "string" || t === "number" || t === "integer" || t === "boolean");
}

function scalarFrom(text: string): string | number | boolean {
  if (text === "true" || text === "false") return text === "true";
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (/^".*"$/.test(text)) return text.slice(1, -1);
  return text;
}

function singular(label: string) {
  return label.endsWith("s") ? label.slice(0, -1) : label;
}

function unwrapNullable(s: JsonSchema): JsonSchema {
  const alts = s.anyOf ?? s.oneOf;
  if (!alts) return s;
  const rest = alts.filter((a) => typeOf(a) !== "null");
  return rest.length === 1 ? { ...rest[0], description: s.description ?? rest[0].description } : s;
}

function enumChoices(s: JsonSchema): unknown[] | null {
  if (s.enum) return s.enum;
  const alts = s.anyOf ?? s.oneOf;
  if (alts?.every((a) => a.const !== undefined)) return alts.map((a) => a.const);
  return null;
}

function typeOf(s: JsonSchema): string | undefined {
  return Array.isArray(s.type) ? s.type.find((t) => t !== "null") : s.type;
}

function isObject(s: JsonSchema) {
  return typeOf(s) === "object" && !!s.properties;
}

function isRecord(v: unknown): v is Value {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** zod writes ±MAX_SAFE_INTEGER for unbounded integers: no use as an input bound. */
function bound(n: number | undefined) {
  return n === undefined || Math.abs(n) >= Number.MAX_SAFE_INTEGER ? undefined : n;
}

export function humanize(key: string) {
  const s = key
    .replace(/[_-]+/g, " ")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .trim();
  return s.charAt(0).toUpperCase() + s.slice(1);
}
