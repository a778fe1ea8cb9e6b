// zlib: gzip decompression (IDX files) and deflate (PNG).
#include <zlib.h>
