import type { Value } from "./values";

/** A `["key"]` or `[0]` index after a path or converter. */
export type Key = string | bigint;

export type Expr =
  | { k: "lit"; v: Value }
  | { k: "path"; names: string[]; keys: Key[]; text: string }
  | { k: "enum"; name: string; v: bigint }
  | { k: "call"; name: string; args: Arg[]; keys: Key[] }
  | { k: "funcref"; name: string }
  | { k: "list"; items: Expr[] }
  | { k: "map"; entries: [string, Expr][] }
  | { k: "math"; op: "+" | "-" | "*" | "/"; l: Expr; r: Expr };

export type Arg = { name?: string; value: Expr };

export type CmpOp = "==" | "!=" | "<" | "<=" | ">" | ">=";

export type BoolExpr =
  | { k: "or"; items: BoolExpr[] }
  | { k: "and"; items: BoolExpr[] }
  | { k: "not"; x: BoolExpr }
  | { k: "cmp"; op: CmpOp; l: Expr; r: Expr }
  | { k: "term"; x: Expr };

export type Statement = { text: string; editor: string; args: Arg[]; where?: BoolExpr };
