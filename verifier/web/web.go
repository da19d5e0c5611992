// Package web holds the employer's verification page: HTML, CSS, the
// page's script and the vendored QR decoder, embedded into the binary so
// the page needs no CDN. verifier/httpapi serves it.
package web

import "embed"

// Files are the page's assets, at their URL paths.
//
//go:embed index.html app.css app.js vendor/jsQR.js vendor/jsQR.LICENSE
var Files embed.FS
