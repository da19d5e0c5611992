//go:build purego

package seal

// active is the core Search uses: with -tags purego, the portable reference.
var active = func() core { return genericCore }

// available lists the cores this build and CPU can run.
func available() []core { return []core{genericCore, stdlibCore} }
