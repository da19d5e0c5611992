// Package credseal is the root of the credseal module: see README.md. The
// code lives in cmd/, pkg/, issuer/, verifier/ and internal/; this package
// holds only repository-wide tests.
package credseal
