package chain

import "context"

// Hooks for the external tests: calldata the typed methods never produce.

func AnchorRaw(ctx context.Context, c *Client, header []byte) (*Receipt, error) {
	return c.transact(ctx, "anchor raw", c.binding.PackAnchor(header))
}

func AnchorManyRaw(ctx context.Context, c *Client, headers []byte) (*Receipt, error) {
	return c.transact(ctx, "anchorMany raw", c.binding.PackAnchorMany(headers))
}
