// OpenBLAS's CBLAS header; it also declares openblas_set_num_threads and
// openblas_get_config. The include path comes from pkg-config (openblas).
#include <cblas.h>
