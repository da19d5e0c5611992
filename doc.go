// Package credseal is the root of the credseal module: see README.md. The
// code lives in cmd/, pkg/, issuer/ and verifier/; this package holds only
// repository-wide tests.
package credseal
