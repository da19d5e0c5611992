package httpapi

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/credseal/credseal/internal/httpx"
	"github.com/credseal/credseal/issuer"
	"github.com/credseal/credseal/pkg/credential"
)

// submitted is the API's answer for one submitted credential.
type submitted struct {
	ID        string `json:"id"`
	State     string `json:"state"`
	Duplicate bool   `json:"duplicate,omitempty"`
	Existing  string `json:"existing,omitempty"`
	ClaimURL  string `json:"claimUrl,omitempty"`
}

// decodeJSON reads a JSON body strictly into v: one value, nothing after it.
func decodeJSON(c echo.Context, v any) error {
	dec := json.NewDecoder(c.Request().Body)
	if err := dec.Decode(v); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return httpx.Errorf(http.StatusRequestEntityTooLarge, CodeTooLarge, "request body too large")
		}
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "field %q: expected %s, got JSON %s", typeErr.Field, typeErr.Type, typeErr.Value)
		}
		return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "malformed JSON: %v", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "malformed JSON: data after the value")
	}
	return nil
}

// document turns one JSON record into a credential document.
func (s *IssuerServer) document(obj map[string]any) (*credential.Document, error) {
	fields, err := issuer.FieldsOfJSON(obj)
	if err != nil {
		return nil, err
	}
	return issuer.DocumentFromFields(fields, s.cfg.Profile)
}

func (s *IssuerServer) submitOne(c echo.Context) error {
	var obj map[string]any
	if err := decodeJSON(c, &obj); err != nil {
		return err
	}
	if obj == nil {
		return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "the body must be a JSON object with the credential's fields")
	}
	doc, err := s.document(obj)
	if err != nil {
		return httpx.Errorf(http.StatusUnprocessableEntity, CodeInvalid, "%v", err)
	}
	out, err := s.submit(c, []*credential.Document{doc})
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, out[0])
}

func (s *IssuerServer) submitBulk(c echo.Context) error {
	var body struct {
		Credentials []map[string]any `json:"credentials"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	switch n := len(body.Credentials); {
	case n == 0:
		return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, `the body must be {"credentials": [ … ]} with at least one credential`)
	case n > maxBulk:
		return httpx.Errorf(http.StatusRequestEntityTooLarge, CodeTooLarge, "at most %d credentials a request, got %d", maxBulk, n)
	}
	docs := make([]*credential.Document, len(body.Credentials))
	var problems []string
	for i, obj := range body.Credentials {
		d, err := s.document(obj)
		if err != nil {
			problems = append(problems, fmt.Sprintf("credentials[%d]: %v", i, err))
			continue
		}
		docs[i] = d
	}
	if len(problems) > 0 {
		return c.JSON(http.StatusUnprocessableEntity, map[string]any{"error": &httpx.Error{Code: CodeInvalid,
			Message: fmt.Sprintf("%d invalid credential(s); nothing was stored", len(problems))}, "problems": problems})
	}
	out, err := s.submit(c, docs)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusAccepted, map[string]any{"credentials": out})
}

func (s *IssuerServer) submit(c echo.Context, docs []*credential.Document) ([]submitted, error) {
	allowDup := c.QueryParam("allowDuplicates") == "true"
	res, err := s.cfg.Service.Submit(c.Request().Context(), docs, allowDup, nil)
	if err != nil {
		return nil, err
	}
	out := make([]submitted, len(res))
	for i, r := range res {
		out[i] = submitted{ID: r.ID, State: string(issuer.Pending), Duplicate: r.Duplicate, Existing: r.Existing}
		if !r.Duplicate {
			out[i].ClaimURL = s.claimURL(r.ID)
		}
	}
	return out, nil
}

func (s *IssuerServer) claimURL(id string) string {
	if tok := s.cfg.Service.ClaimToken(id); tok != "" && s.cfg.PortalURL != "" {
		return s.cfg.PortalURL + "/claim/" + tok
	}
	return ""
}

// credentialView is a credential's status for the registrar.
type credentialView struct {
	ID       string `json:"id"`
	State    string `json:"state"`
	Batch    uint64 `json:"batch,omitempty"`
	Digest   string `json:"digest"`
	Seal     string `json:"seal,omitempty"`
	Tx       string `json:"tx,omitempty"`
	Block    uint64 `json:"block,omitempty"`
	Revoked  uint8  `json:"revokedReason,omitempty"`
	ClaimURL string `json:"claimUrl,omitempty"`
}

func (s *IssuerServer) view(c echo.Context, r *issuer.StoredCredential) (credentialView, error) {
	v := credentialView{ID: r.ID, State: string(r.State), Batch: r.Batch, Digest: hex.EncodeToString(r.Digest[:]),
		Revoked: r.Revoked}
	// A claim link opens the learner's bundle, seed and all: only tokens
	// that issue (and were given it when they submitted) see it again.
	if t, _ := c.Get(tokenKey).(issuer.APIToken); t.Allows(issuer.ScopeIssue) {
		v.ClaimURL = s.claimURL(r.ID)
	}
	if r.Batch != 0 {
		b, err := s.cfg.Service.Store().Batch(c.Request().Context(), r.Batch)
		if err != nil {
			return v, err
		}
		bv := batchViewOf(b)
		v.Seal, v.Tx, v.Block = bv.Seal, bv.Tx, bv.Block
	}
	return v, nil
}

func (s *IssuerServer) credentialStatus(c echo.Context) error {
	r, err := s.cfg.Service.Store().Credential(c.Request().Context(), c.Param("id"))
	return s.answerView(c, r, err)
}

// answerView answers with r's view, or with err.
func (s *IssuerServer) answerView(c echo.Context, r *issuer.StoredCredential, err error) error {
	if err != nil {
		return err
	}
	v, err := s.view(c, r)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, v)
}

func (s *IssuerServer) revoke(c echo.Context) error {
	var body struct {
		Reason int `json:"reason"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if body.Reason < 1 || body.Reason > 255 {
		return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "reason must be a code from 1 to 255")
	}
	r, err := s.cfg.Service.Revoke(c.Request().Context(), c.Param("id"), uint8(body.Reason))
	return s.answerView(c, r, err)
}

// batchView is a batch for the registrar.
type batchView struct {
	Seq     uint64    `json:"seq"`
	State   string    `json:"state"`
	Size    uint64    `json:"size"`
	Seal    string    `json:"seal,omitempty"`
	Root    string    `json:"root,omitempty"`
	Tx      string    `json:"tx,omitempty"`
	Block   uint64    `json:"block,omitempty"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

func batchViewOf(b issuer.StoredBatch) batchView {
	v := batchView{Seq: b.Seq, State: string(b.State), Size: b.Size, Created: b.Created, Updated: b.Updated}
	if b.State != issuer.Batched {
		s := b.Seal()
		v.Seal, v.Root = hex.EncodeToString(s[:]), hex.EncodeToString(b.Header.Root[:])
	}
	if b.State.Anchored() {
		v.Tx, v.Block = "0x"+hex.EncodeToString(b.Tx[:]), b.Block
	}
	return v
}

func (s *IssuerServer) listBatches(c echo.Context) error {
	after, err := queryUint(c, "after", 0)
	if err != nil {
		return err
	}
	limit, err := queryUint(c, "limit", 50)
	if err != nil {
		return err
	}
	if limit < 1 || limit > 500 {
		return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "limit must be 1..500")
	}
	bs, err := s.cfg.Service.Store().Batches(c.Request().Context(), after, int(limit)+1)
	if err != nil {
		return err
	}
	page := map[string]any{}
	if len(bs) > int(limit) {
		bs = bs[:limit]
		page["next"] = fmt.Sprintf("/api/v1/batches?after=%d&limit=%d", bs[len(bs)-1].Seq, limit)
	}
	views := make([]batchView, len(bs))
	for i, b := range bs {
		views[i] = batchViewOf(b)
	}
	page["batches"] = views
	return c.JSON(http.StatusOK, page)
}

func (s *IssuerServer) batchStatus(c echo.Context) error {
	seq, err := strconv.ParseUint(c.Param("seq"), 10, 64)
	if err != nil {
		return httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "batch number %q is not a number", c.Param("seq"))
	}
	b, err := s.cfg.Service.Store().Batch(c.Request().Context(), seq)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, batchViewOf(b))
}

func queryUint(c echo.Context, name string, def uint64) (uint64, error) {
	v := c.QueryParam(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.ParseUint(v, 10, 64)
	if err != nil {
		return 0, httpx.Errorf(http.StatusBadRequest, CodeBadRequest, "%s=%q is not a whole number", name, v)
	}
	return n, nil
}
