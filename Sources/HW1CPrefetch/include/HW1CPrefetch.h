#ifndef HW1_C_PREFETCH_H
#define HW1_C_PREFETCH_H

// Software prefetch, which Swift cannot spell: `__builtin_prefetch(address, 0, 1)` is a read
// prefetch with low temporal locality (prefetcht2 on x86-64: into L2, not L1). It never faults,
// so addresses past the end of an array are harmless. Inlined into the Swift caller.
static inline __attribute__((always_inline)) void hw1_prefetch_to_l2(const void *address) {
    __builtin_prefetch(address, 0, 1);
}

#endif
