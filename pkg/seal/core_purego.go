//go:build purego

package seal

// active is the core Search uses: with -tags purego, the portable reference.
var active = genericCore
