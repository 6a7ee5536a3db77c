/**
 * The `pg_dump` or `pg_restore` command line for a DATABASE_URL, without its password
 * (the tools read it from PGPASSWORD or ~/.pgpass), quoted for a POSIX shell.
 */
export function postgresClientCommand(tool: "pg_dump" | "pg_restore", databaseUrl: string, file: string): string {
  const url = new URL(databaseUrl);
  // The user goes in its own flag: a URL with user info reads like a credential and is redacted from output.
  const user = url.username ? ` --username=${quote(decodeURIComponent(url.username))}` : "";
  url.username = "";
  url.password = "";
  const dbname = `--dbname=${quote(url.toString())}${user}`;
  return tool === "pg_dump"
    ? `pg_dump --format=custom --file=${quote(file)} ${dbname}`
    : `pg_restore --clean --if-exists --no-owner ${dbname} ${quote(file)}`;
}

function quote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
