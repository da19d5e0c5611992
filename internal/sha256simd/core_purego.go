//go:build purego

package sha256simd

// active is the core Active returns: with -tags purego, the portable reference.
var active = func() Core { return genericCore }

// available lists the cores this build and CPU can run.
func available() []Core { return []Core{genericCore, stdlibCore} }
