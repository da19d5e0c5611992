package httpx

import (
	"fmt"
	"net"
	"strings"

	"github.com/labstack/echo/v4"
)

// ClientIP says who a request comes from, for rate limits and logs: the
// direct peer, unless the peer is one of the trusted proxies, in which case
// the last address in X-Forwarded-For that is not itself a trusted proxy.
// echo's default would believe any X-Forwarded-For, and would take loopback
// and private peers for proxies.
func ClientIP(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	return echo.ExtractIPFromXFFHeader(opts...)
}

// RateKey is what a per-client rate limit counts under: an IPv4 address, or
// the /64 of an IPv6 one, since one subscriber commonly holds a whole /64
// and could otherwise take a fresh address for every request.
func RateKey(ip string) string {
	parsed := net.ParseIP(ip)
	if parsed == nil || parsed.To4() != nil {
		return ip
	}
	return parsed.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// ParseCIDRs parses --trusted-proxy values; a bare address stands for
// itself alone (/32 or /128).
func ParseCIDRs(values []string) ([]*net.IPNet, error) {
	var out []*net.IPNet
	for _, v := range values {
		cidr := v
		if !strings.Contains(v, "/") {
			if ip := net.ParseIP(v); ip != nil && ip.To4() != nil {
				cidr += "/32"
			} else {
				cidr += "/128"
			}
		}
		_, n, err := net.ParseCIDR(cidr)
		if err != nil {
			return nil, fmt.Errorf("trusted proxy %q is not an address or a CIDR", v)
		}
		out = append(out, n)
	}
	return out, nil
}
