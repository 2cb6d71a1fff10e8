/** SQL identifier quoting, with no imports, so migrations can use it without an import cycle. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
