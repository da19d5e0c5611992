package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/spf13/pflag"

	"github.com/credseal/credseal/issuer/boltstore"
)

// apiTokenEnv holds an API token for commands that reach a running server.
const apiTokenEnv = "CREDSEAL_API_TOKEN"

// issuerDBOptions say how a command reaches the issuer database: the
// directory, and the admin token for when a running server holds it.
type issuerDBOptions struct {
	dir, token string
}

// flags declares --dir and --token, described by tokenUsage.
func (o *issuerDBOptions) flags(f *pflag.FlagSet, tokenUsage string) {
	addIssuerDirFlag(f, &o.dir)
	f.StringVar(&o.token, "token", "", tokenUsage)
}

// with runs local with the issuer database of --dir, or, when a running
// server holds it, remote with the server's API address and an admin token
// (--token, else $CREDSEAL_API_TOKEN).
func (o *issuerDBOptions) with(local func(*boltstore.DB) error, remote func(base, token string) error) error {
	dir, token := o.dir, o.token
	cfg, err := readIssuerConfig(dir)
	if err != nil {
		return err
	}
	db, err := boltstore.Open(filepath.Join(dir, issuerDBFile))
	if err == nil {
		defer db.Close()
		return local(db)
	}
	if !errors.Is(err, boltstore.ErrLocked) || cfg.Listen == "" {
		return badInput(err)
	}
	if token == "" {
		token = os.Getenv(apiTokenEnv)
	}
	if token == "" {
		return badInput(fmt.Errorf("'issuer serve' holds the database: give an admin token with --token or $%s", apiTokenEnv))
	}
	return remote("http://"+cfg.Listen, token)
}

// apiCall sends a JSON request to the registrar API and decodes the answer
// into out; an error answer becomes an error carrying its message.
func apiCall(ctx context.Context, method, url, token string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, rd)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("issuer API: %w", err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("issuer API: %w", err)
	}
	if resp.StatusCode >= 300 {
		var e struct {
			Error struct{ Code, Message string } `json:"error"`
		}
		if json.Unmarshal(data, &e) == nil && e.Error.Message != "" {
			return fmt.Errorf("issuer API: %s (%s)", e.Error.Message, e.Error.Code)
		}
		return fmt.Errorf("issuer API: %s", resp.Status)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}
