package issuer

import (
	"context"
	"errors"
	"fmt"
)

// Revoke revokes an anchored credential on chain and records it. A
// revocation that reached the chain but whose receipt was lost (a timeout,
// a crash) is recognised by reading the registry, and recorded.
func (s *Service) Revoke(ctx context.Context, id string, reason uint8) (*StoredCredential, error) {
	if s.chain == nil {
		return nil, ErrNoChain
	}
	r, err := s.store.Credential(ctx, id)
	switch {
	case err != nil:
		return nil, err
	case r.Revoked != 0:
		return r, ErrAlreadyRevoked
	case !r.State.Anchored():
		return r, fmt.Errorf("%w (%s)", ErrNotAnchored, r.State)
	}
	tx, err := s.chain.RevokeDigest(ctx, r.Digest, reason)
	if err != nil {
		onChain, rerr := s.chain.OwnRevocation(ctx, r.Digest)
		if rerr != nil || onChain == 0 {
			return r, fmt.Errorf("revoke %s: %w", id, err)
		}
		reason, tx = onChain, [32]byte{}
	}
	return s.recordRevocation(ctx, r, reason, tx)
}

// RecordRevocation records a revocation made on chain by other means
// (`credseal revoke`), after checking the registry holds it.
func (s *Service) RecordRevocation(ctx context.Context, digest [32]byte, tx [32]byte) (*StoredCredential, error) {
	if s.chain == nil {
		return nil, ErrNoChain
	}
	r, err := s.store.ByDigest(ctx, digest)
	if err != nil || r.Revoked != 0 {
		return r, err
	}
	reason, err := s.chain.OwnRevocation(ctx, digest)
	if err != nil {
		return r, fmt.Errorf("revocation of %x: %w", digest, err)
	}
	if reason == 0 {
		return r, fmt.Errorf("revocation of %x: the registry does not hold it", digest)
	}
	return s.recordRevocation(ctx, r, reason, tx)
}

func (s *Service) recordRevocation(ctx context.Context, r *StoredCredential, reason uint8, tx [32]byte) (*StoredCredential, error) {
	at := s.cfg.Now().UTC()
	if err := s.store.SetRevoked(ctx, r.Seq, reason, tx, at); err != nil && !errors.Is(err, ErrAlreadyRevoked) {
		return r, err
	}
	s.revocations.Add(1)
	r.Revoked, r.RevokeTx, r.RevokedAt = reason, tx, at
	return r, nil
}
