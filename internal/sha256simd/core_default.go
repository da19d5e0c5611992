//go:build !purego

package sha256simd

import "sync"

// active is the core Active returns: the fastest this CPU runs, found at the
// first search (best is per architecture). Without a vector core, the
// standard library's SHA-256 — which uses the CPU's SHA extensions where
// present — outruns the portable Go core even though that core does less
// work per nonce.
var active = sync.OnceValue(best)
