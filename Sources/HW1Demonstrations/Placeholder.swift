// The HW1Demonstrations module is built by its own issue; this file keeps the target non-empty until then.
