/** Browser stand-in for node:zlib: no native `crc32`, so the checksum code uses its own table. */
export const crc32: undefined = undefined;
