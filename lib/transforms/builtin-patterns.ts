import type { BUILTIN_PATTERNS } from "./steps";

/**
 * The redaction built-ins, as RE2 patterns that JavaScript reads the same way. They favour precision over recall:
 * see docs/transforms.md for what each one misses and what it may still hit.
 */
export const BUILTIN_REGEX: Record<(typeof BUILTIN_PATTERNS)[number], string> = {
  email: "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}",
  ipv4: "\\b(?:(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\b",
  // Full form, or compressed with hex groups on both sides of `::`; clock times, MAC addresses and `std::x` miss.
  ipv6: "\\b(?:(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}|(?:[0-9A-Fa-f]{1,4}:){1,6}(?::[0-9A-Fa-f]{1,4}){1,6})\\b",
  // 13 to 16 digits, optionally grouped by single spaces or dashes; not Luhn-checked (see docs).
  credit_card: "\\b(?:[0-9][ -]?){12,15}[0-9]\\b",
  bearer_token: "(?i)\\bbearer\\s+[A-Za-z0-9._~+/-]{8,}=*",
  api_key: "(?i)\\b(?:api[_-]?key|access[_-]?token|secret|x-api-key)\\b[\"']?\\s*[:=]\\s*[\"']?[A-Za-z0-9._~+/-]{8,}",
};
