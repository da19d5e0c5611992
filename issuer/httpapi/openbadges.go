package httpapi

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/credseal/credseal/issuer"
)

// claimOpenBadge serves the learner's credential as a signed Open Badges
// 3.0 credential, for a wallet.
func (s *IssuerServer) claimOpenBadge(c echo.Context) error {
	r, b, err := s.claimedBundle(c)
	if err != nil {
		return err
	}
	badge, err := s.cfg.OpenBadges.Credential(r.Document, r.Seq, r.Seed, b)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, fmt.Sprintf("attachment; filename=%q", fileStem(r)+".ob3.json"))
	return c.Blob(http.StatusOK, "application/json", badge)
}

// didDocument publishes the issuer's DID document, where did:web says.
func (s *IssuerServer) didDocument(c echo.Context) error {
	doc, err := s.cfg.OpenBadges.DIDDocument()
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=300")
	return c.Blob(http.StatusOK, "application/did+json", doc)
}

// statusList publishes a Bitstring Status List credential.
func (s *IssuerServer) statusList(c echo.Context) error {
	n, err := strconv.ParseUint(c.Param("list"), 10, 32)
	if err != nil || n == 0 {
		return echo.ErrNotFound
	}
	body, err := s.cfg.OpenBadges.StatusList(c.Request().Context(), s.cfg.Service, n)
	if errors.Is(err, issuer.ErrNotFound) {
		return echo.ErrNotFound
	}
	if err != nil {
		return fmt.Errorf("status list %d: %w", n, err)
	}
	c.Response().Header().Set("Cache-Control", "public, max-age=60")
	return c.Blob(http.StatusOK, "application/vc+ld+json", body)
}
