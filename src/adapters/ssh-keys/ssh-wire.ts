/** Reads SSH wire-format fields (RFC 4251 §5) from a buffer, refusing to read past its end. */
export class SshWireReader {
  private offset = 0;

  constructor(private readonly buffer: Buffer) {}

  /** A big-endian uint32, or `null` when the buffer ends first. */
  uint32(): number | null {
    if (this.offset + 4 > this.buffer.length) return null;
    const value = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** A length-prefixed byte string, or `null` when the buffer ends first. */
  string(): Buffer | null {
    const length = this.uint32();
    if (length === null || this.offset + length > this.buffer.length) return null;
    const value = this.buffer.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}

/** A length-prefixed SSH `string` field. */
export function sshString(value: Buffer | string): Buffer {
  const bytes = typeof value === "string" ? Buffer.from(value, "utf8") : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
}

/** An SSH `mpint` from unsigned big-endian bytes: leading zeros dropped, one added when the top bit is set. */
export function sshMpint(unsigned: Buffer): Buffer {
  let start = 0;
  while (start < unsigned.length && unsigned[start] === 0) start += 1;
  const trimmed = unsigned.subarray(start);
  return sshString((trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}
