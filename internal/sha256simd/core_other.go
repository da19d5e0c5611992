//go:build !amd64 && !purego

package sha256simd

func best() Core { return stdlibCore }

// available lists the cores this build and CPU can run.
func available() []Core { return []Core{stdlibCore, genericCore} }
