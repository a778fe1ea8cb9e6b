// LAPACKE, the C interface to LAPACK (row-major aware).
#include <lapacke.h>
