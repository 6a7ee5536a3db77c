/** Reads and writes one entity field that its column holds in another form. */
export interface ColumnCodec<Value, Stored> {
  read(stored: Stored): Value;
  write(value: Value): Stored;
}

/** A boolean kept as 0 or 1: SQLite has no boolean type, and both databases share one schema. */
export const flag: ColumnCodec<boolean, number> = {
  read: (stored) => Number(stored) === 1,
  write: (value) => (value ? 1 : 0),
};

/** A structured value kept as JSON text; a null column stays null. */
export function json<Value>(): ColumnCodec<Value, null extends Value ? string | null : string> {
  return {
    read: (stored) => (stored === null ? null : JSON.parse(stored)) as Value,
    write: (value) => (value === null ? null : JSON.stringify(value)) as null extends Value ? string | null : string,
  };
}

type Codecs<Entity, Row> = { [K in keyof Entity & keyof Row]?: ColumnCodec<Entity[K], Row[K]> };

/** Converts between an entity and its row. */
export interface RowCodec<Entity, Row> {
  /** The entity a row holds. */
  read(row: Row): Entity;
  /** The columns of the fields given (a whole entity or a patch); undefined fields are left out. */
  write<Fields extends Partial<Entity>>(fields: Fields): { [K in keyof Fields & keyof Row]: Row[K] };
}

/**
 * The conversion of one table: fields keep their names (CamelCasePlugin maps them to
 * columns) and values, except the few `codecs` name.
 * @example rowCodec<Host, HostsTable>({ builtIn: flag }).read(row).builtIn // true
 */
export function rowCodec<Entity extends object, Row extends object>(codecs: Codecs<Entity, Row>): RowCodec<Entity, Row> {
  const convert = (from: object, way: "read" | "write"): Record<string, unknown> => {
    const to: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(from)) {
      if (value === undefined) continue;
      const codec = (codecs as Record<string, ColumnCodec<unknown, unknown> | undefined>)[field];
      to[field] = codec === undefined ? value : codec[way](value);
    }
    return to;
  };
  return {
    read: (row) => convert(row, "read") as Entity,
    write: (fields) => convert(fields, "write") as never,
  };
}
