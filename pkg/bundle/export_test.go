package bundle

// Hooks for the external tests.

// CompactOf encodes any CBOR value as a CS1 string, so tests can write
// compact bundles that EncodeCompact never produces.
func CompactOf(v any) (string, error) {
	raw, err := cborEnc.Marshal(v)
	if err != nil {
		return "", err
	}
	return Prefix + base45Encode(deflate(raw)), nil
}
