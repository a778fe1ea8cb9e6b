// HW1CPrefetch is header-only (static inline functions in include/HW1CPrefetch.h); SwiftPM
// needs one source file to build a C target.
#include "HW1CPrefetch.h"
