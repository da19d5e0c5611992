package httpx_test

import (
	"net"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/credseal/credseal/internal/httpx"
)

func TestClientIP(t *testing.T) {
	_, proxyNet, _ := net.ParseCIDR("10.0.0.0/8")
	for _, tc := range []struct {
		name    string
		trusted []*net.IPNet
		peer    string
		xff     string
		want    string
	}{
		{"direct peer, header ignored", nil, "198.51.100.7:4000", "203.0.113.1", "198.51.100.7"},
		{"loopback peer is not a proxy by default", nil, "127.0.0.1:4000", "203.0.113.1", "127.0.0.1"},
		{"private peer is not a proxy by default", nil, "10.1.2.3:4000", "203.0.113.1", "10.1.2.3"},
		{"trusted proxy", []*net.IPNet{proxyNet}, "10.1.2.3:4000", "203.0.113.1", "203.0.113.1"},
		{"spoofed entry before the proxy's", []*net.IPNet{proxyNet}, "10.1.2.3:4000", "1.2.3.4, 203.0.113.1", "203.0.113.1"},
		{"untrusted peer with a header", []*net.IPNet{proxyNet}, "198.51.100.7:4000", "203.0.113.1", "198.51.100.7"},
	} {
		req := httptest.NewRequest(http.MethodPost, "/api/v1/verify", nil)
		req.RemoteAddr = tc.peer
		req.Header.Set("X-Forwarded-For", tc.xff)
		if got := httpx.ClientIP(tc.trusted)(req); got != tc.want {
			t.Errorf("%s: client %s, want %s", tc.name, got, tc.want)
		}
	}
}

func TestParseCIDRs(t *testing.T) {
	nets, err := httpx.ParseCIDRs([]string{"10.0.0.0/8", "192.0.2.1", "2001:db8::1"})
	if err != nil || len(nets) != 3 || nets[1].String() != "192.0.2.1/32" || nets[2].String() != "2001:db8::1/128" {
		t.Fatalf("%v, %v", nets, err)
	}
	if _, err := httpx.ParseCIDRs([]string{"10.0.0.0/40"}); err == nil {
		t.Fatal("a bad CIDR was accepted")
	}
}

func TestRateKey(t *testing.T) {
	for ip, want := range map[string]string{
		"198.51.100.7":            "198.51.100.7",
		"2001:db8:1:2:aaaa::1":    "2001:db8:1:2::/64",
		"2001:db8:1:2:ffff:1:2:3": "2001:db8:1:2::/64",
		"2001:db8:1:3::1":         "2001:db8:1:3::/64",
		"::ffff:198.51.100.7":     "::ffff:198.51.100.7",
		"not an address":          "not an address",
	} {
		if got := httpx.RateKey(ip); got != want {
			t.Errorf("RateKey(%s) = %s, want %s", ip, got, want)
		}
	}
}
