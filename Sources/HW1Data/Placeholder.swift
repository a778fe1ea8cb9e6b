// The HW1Data module is built by its own issue; this file keeps the target non-empty until then.
