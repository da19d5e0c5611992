//go:build !amd64 && !purego

package seal

func best() core { return stdlibCore }

// available lists the cores this build and CPU can run.
func available() []core { return []core{stdlibCore, genericCore} }
