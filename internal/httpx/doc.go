// Package httpx is what credseal's two HTTP servers, the issuer's and the
// verifier's, share: New sets up echo (the client's address, recovery,
// counters, access logs and the error handler); Error, Lookup and the Code
// constants are the JSON errors and the table that maps errors to them;
// SecurityHeaders and BodyLimit are middleware; Serve serves a handler
// until its context ends, then drains the requests in flight; ClientIP,
// RateKey and ParseCIDRs find the client behind trusted proxies.
package httpx
