//go:build !amd64 || purego

package sha256simd

var blockKernel = compressLanes

func blockKernelName() string { return "generic" }

// blockKernels lists the block kernels this build runs, by name.
func blockKernels() map[string]func(*lanes) { return map[string]func(*lanes){"generic": compressLanes} }
