/** Browser stand-in for node:zlib: no `crc32`, so callers use their portable fallback. */
export {};
