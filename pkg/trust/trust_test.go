package trust_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/credseal/credseal/pkg/trust"
)

const example = `{
  "chains": [
    {
      "name": "Sepolia",
      "chainId": 11155111,
      "rpc": ["https://rpc.one.example", "https://rpc.two.example", "wss://rpc.three.example"],
      "confirmations": 12,
      "registries": [{"name": "Ministry of Education", "address": "0x5FbDB2315678afecb367f032d93F642f64180aa3"}],
      "documentStores": [{"name": "Polytechnic", "address": "0x0000000000000000000000000000000000000001"}]
    },
    {
      "name": "Local dev chain",
      "chainId": 1337,
      "rpc": ["http://127.0.0.1:8545"],
      "callTimeout": "3s",
      "registries": [{"name": "Dev registry", "address": "0x00000000000000000000000000000000000000aa"}]
    }
  ],
  "issuers": [
    {"name": "Example University", "did": "did:web:example.edu", "didDocument": "https://example.edu/did.json"}
  ]
}`

func TestParse(t *testing.T) {
	f, err := trust.Parse([]byte(example))
	if err != nil {
		t.Fatal(err)
	}
	sep, dev := f.Chains[0], f.Chains[1]
	if sep.Quorum != 2 || dev.Quorum != 1 {
		t.Errorf("default quorums %d and %d, want a majority: 2 of 3, 1 of 1", sep.Quorum, dev.Quorum)
	}
	if time.Duration(sep.CallTimeout) != trust.DefaultCallTimeout || time.Duration(dev.CallTimeout) != 3*time.Second {
		t.Errorf("call timeouts %v, %v", sep.CallTimeout, dev.CallTimeout)
	}
	if sep.Registries[0].Address[0] != 0x5f || sep.Registries[0].Address.String() != "0x5fbdb2315678afecb367f032d93f642f64180aa3" {
		t.Errorf("registry address %s", sep.Registries[0].Address)
	}
	if f.Issuers[0].DIDDocument != "https://example.edu/did.json" {
		t.Errorf("issuer %+v", f.Issuers[0])
	}
	// What Parse returns writes back to a file that reads the same.
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	again, err := trust.Parse(out)
	if err != nil || !reflect.DeepEqual(f, again) {
		t.Fatalf("round trip: %v\n%s", err, out)
	}
}

// Each mistake is refused with a reason naming it.
func TestParseRefuses(t *testing.T) {
	chain := func(fields string) string {
		return `{"chains":[{"name":"C","chainId":5,"rpc":["http://127.0.0.1:1"],` + fields + `}]}`
	}
	reg := `"registries":[{"name":"R","address":"0x00000000000000000000000000000000000000aa"}]`
	for _, tc := range []struct{ name, file, want string }{
		{"empty", `{}`, "no chain and no issuer"},
		{"not JSON", `chains`, "invalid character"},
		{"unknown field", `{"chains":[],"registry":"0x1"}`, "unknown field"},
		{"trailing data", `{"issuers":[{"did":"did:web:example.edu"}]} {}`, "data after"},
		{"no chain ID", `{"chains":[{"name":"C","rpc":["http://a"],` + reg + `}]}`, "chainId is missing"},
		{"no name", `{"chains":[{"chainId":5,"rpc":["http://a"],` + reg + `}]}`, "name is missing"},
		{"no endpoint", `{"chains":[{"name":"C","chainId":5,"rpc":[],` + reg + `}]}`, "1 to 16 endpoints"},
		{"file URL", `{"chains":[{"name":"C","chainId":5,"rpc":["file:///etc/passwd"],` + reg + `}]}`, "want a http/https/ws/wss URL"},
		{"an endpoint twice", `{"chains":[{"name":"C","chainId":5,"rpc":["http://a","http://a"],` + reg + `}]}`, "listed twice"},
		{"quorum above endpoints", chain(`"quorum":2,` + reg), "quorum 2"},
		{"negative quorum", chain(`"quorum":-1,` + reg), "quorum -1"},
		{"nothing trusted", chain(`"quorum":1`), "no registry and no document store"},
		{"bad address", chain(`"registries":[{"name":"R","address":"0x12"}]`), "40 hex digits"},
		{"zero address", chain(`"registries":[{"name":"R","address":"0x0000000000000000000000000000000000000000"}]`), "zero address"},
		{"registry twice", chain(`"registries":[{"name":"R","address":"0x00000000000000000000000000000000000000aa"},{"name":"S","address":"0x00000000000000000000000000000000000000AA"}]`), "listed twice"},
		{"unnamed registry", chain(`"registries":[{"address":"0x00000000000000000000000000000000000000aa"}]`), "name is missing"},
		{"control characters", chain(`"registries":[{"name":"R\u001b[31m","address":"0x00000000000000000000000000000000000000aa"}]`), "control characters"},
		{"bad timeout", chain(`"callTimeout":"1h",` + reg), "callTimeout"},
		{"chain twice", `{"chains":[` + strings.TrimSuffix(strings.TrimPrefix(chain(reg), `{"chains":[`), `]}`) + `,` + strings.TrimSuffix(strings.TrimPrefix(chain(reg), `{"chains":[`), `]}`) + `]}`, "chain ID 5 is listed twice"},
		{"issuer not a DID", `{"issuers":[{"did":"https://example.edu"}]}`, "did:key or did:web"},
		{"did:key with a document", `{"issuers":[{"did":"did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK","didDocument":"https://a/"}]}`, "no DID document"},
		{"document not http", `{"issuers":[{"did":"did:web:example.edu","didDocument":"ftp://a/"}]}`, "didDocument"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := trust.Parse([]byte(tc.file))
			if !errors.Is(err, trust.ErrInvalid) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error saying %q", err, tc.want)
			}
		})
	}
	if _, err := trust.Parse(make([]byte, trust.MaxSize+1)); !errors.Is(err, trust.ErrInvalid) {
		t.Fatalf("oversized: %v", err)
	}
}

// FuzzParse: any input is refused or accepted without a panic, and what is
// accepted writes back to a file that parses to the same thing.
func FuzzParse(f *testing.F) {
	f.Add([]byte(example))
	f.Add([]byte(`{"issuers":[{"did":"did:web:example.edu"}]}`))
	f.Add([]byte(`{"chains":[{"name":"C","chainId":5,"rpc":["http://a"],"quorum":1,"registries":[{"name":"R","address":"0x00000000000000000000000000000000000000aa"}]}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		file, err := trust.Parse(data)
		if err != nil {
			return
		}
		out, err := json.Marshal(file)
		if err != nil {
			t.Fatal(err)
		}
		again, err := trust.Parse(out)
		if err != nil {
			t.Fatalf("round trip: %v\n%s", err, out)
		}
		if out2, _ := json.Marshal(again); string(out2) != string(out) {
			t.Fatalf("round trip:\n%s\n%s", out, out2)
		}
	})
}
