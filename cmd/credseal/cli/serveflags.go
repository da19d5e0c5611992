package cli

import (
	"net"

	"github.com/spf13/pflag"

	"github.com/credseal/credseal/internal/httpx"
)

// serveOptions are the flags both servers take: the address to serve on,
// and the reverse proxies whose X-Forwarded-For names the client.
type serveOptions struct {
	listen  string
	proxies []string
}

// flags declares --listen, by default on listen, and --trusted-proxy,
// described by proxyUsage.
func (o *serveOptions) flags(f *pflag.FlagSet, listen, proxyUsage string) {
	f.StringVar(&o.listen, "listen", listen, "address to serve on")
	f.StringSliceVar(&o.proxies, "trusted-proxy", nil, proxyUsage)
}

// trustedProxies parses --trusted-proxy.
func (o *serveOptions) trustedProxies() ([]*net.IPNet, error) {
	nets, err := httpx.ParseCIDRs(o.proxies)
	if err != nil {
		return nil, badInput(err)
	}
	return nets, nil
}

// listener listens on --listen.
func (o *serveOptions) listener() (net.Listener, error) {
	ln, err := net.Listen("tcp", o.listen)
	if err != nil {
		return nil, badInput(err)
	}
	return ln, nil
}
