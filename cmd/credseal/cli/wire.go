package cli

import (
	"context"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/chain"
	"github.com/credseal/credseal/verifier"
)

// The adapters meet the services here, and only here.
var (
	_ issuer.Anchorer         = (*chain.Client)(nil)
	_ issuer.Chain            = (*chain.Client)(nil)
	_ verifier.RegistryReader = registryReader{}
)

// registryReader answers the verifier's questions with a registry client.
type registryReader struct{ c *chain.Client }

func (r registryReader) Lookup(ctx context.Context, q verifier.Lookup) (verifier.Record, error) {
	st, err := r.c.Status(ctx, q.Seal, q.Digest)
	if err != nil {
		return verifier.Record{}, err
	}
	rec := verifier.Record{
		Anchored: st.Batch.Anchored, Issuer: st.Batch.Issuer, Block: st.Batch.Block,
		Time: time.Unix(int64(st.Batch.Time), 0), BatchRevoked: st.Batch.RevokedReason,
		CredentialRevoked: st.CredentialRevokedReason, IssuerActive: st.IssuerActive,
	}
	if !rec.Anchored {
		return rec, nil
	}
	iss, err := r.c.Issuer(ctx, st.Batch.Issuer)
	if err != nil {
		return verifier.Record{}, err
	}
	rec.IssuerRegistered, rec.IssuerName, rec.IssuerDomain = iss.Registered, iss.Name, iss.Domain
	if rec.Confirmations, err = r.c.Confirmations(ctx, rec.Block); err != nil {
		return verifier.Record{}, err
	}
	if q.Tx != ([32]byte{}) {
		if rec.TxBlock, rec.TxTo, rec.TxFound, err = r.c.TxBlock(ctx, q.Tx); err != nil {
			return verifier.Record{}, err
		}
	}
	return rec, nil
}

// trustedRegistry makes a verifier registry of a connected client.
func trustedRegistry(c *chain.Client) verifier.Registry {
	return verifier.Registry{ChainID: c.ChainID(), Address: c.Registry(), Reader: registryReader{c}}
}

// unreachableRegistry stands for a configured registry the command could not
// connect to, so that the chain checks say "not checked: unreachable"
// instead of the verifier silently working offline.
func unreachableRegistry(o chainOptions, err error) verifier.Registry {
	return verifier.Registry{ChainID: o.chainID, Address: common.HexToAddress(o.registry), Reader: failingReader{err}}
}

type failingReader struct{ err error }

func (f failingReader) Lookup(context.Context, verifier.Lookup) (verifier.Record, error) {
	return verifier.Record{}, f.err
}
