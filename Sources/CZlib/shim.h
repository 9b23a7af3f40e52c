#ifndef TALLY_CZLIB_SHIM_H
#define TALLY_CZLIB_SHIM_H
#include <zlib.h>

/* inflateInit2 and deflateInit2 are macros, which Swift cannot call. */

/* 15 + 32 accepts both gzip and zlib headers. */
static inline int tally_inflate_init(z_streamp stream) {
    return inflateInit2(stream, 15 + 32);
}

/* 15 + 16 writes a gzip header (with no name and no time, so output is reproducible). */
static inline int tally_gzip_deflate_init(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
