// Package fetch reads small documents over HTTP for the verifier's trust
// decisions (DID documents, status lists): with a timeout, no redirects,
// and a size limit, so a slow, redirecting or huge answer costs little.
package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
)

// NewClient returns a client with a 10 s timeout that follows no redirects:
// a configured address must answer itself, not send the verifier elsewhere.
func NewClient() *http.Client {
	return &http.Client{Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// Get returns the body of a 200 answer to GET url, refusing one larger
// than limit bytes. accept, if not empty, is the Accept header.
func Get(ctx context.Context, client *http.Client, url, accept string, limit int64) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: HTTP %s", url, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", url, err)
	}
	if int64(len(body)) > limit {
		return nil, fmt.Errorf("%s: larger than %d bytes", url, limit)
	}
	return body, nil
}
