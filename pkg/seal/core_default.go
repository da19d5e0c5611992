//go:build !purego

package seal

// active is the core Search uses. The standard library's SHA-256 uses the
// CPU's SHA extensions where present, which on such machines outruns the
// portable Go core even though that core does less work per nonce.
var active = stdlibCore
