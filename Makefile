# credseal — run `make help` for the targets.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/credseal
RUN_DIR := out/run

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s  %s\n", $$1, $$2}'

# Pinned tools: go-ethereum's version comes from go.mod, solc's from contracts/package.json.
GETH_VERSION = $(shell $(GO) list -m -f '{{.Version}}' github.com/ethereum/go-ethereum)
ABIGEN       = $(GO) run github.com/ethereum/go-ethereum/cmd/abigen@$(GETH_VERSION)
REGISTRY     = contracts/registry/CredentialRegistry

.PHONY: deps
deps: ## download Go modules (done by build and test)
	$(GO) mod download

.PHONY: build
build: deps ## build bin/credseal
	$(GO) build -o $(BIN) ./cmd/credseal

# compile-registry DIR: solc's ABI, bytecode and metadata and the abigen bindings into DIR.
define compile-registry
	@command -v npm >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq npm; \
	  else echo "make needs Node.js and npm to compile the contract: sudo apt-get install -y npm"; exit 1; fi; }
	cd contracts && npm ci --no-audit --no-fund --loglevel=error
	node contracts/compile.js $(1)
	$(ABIGEN) --v2 --abi $(1)/CredentialRegistry.abi --bin $(1)/CredentialRegistry.bin --pkg registry \
	  --type CredentialRegistry --out $(1)/registry.go
endef

.PHONY: contracts
contracts: ## recompile CredentialRegistry.sol (pinned solc from npm) and regenerate its Go bindings
	$(call compile-registry,$(CURDIR)/contracts/registry)

.PHONY: generate
generate: contracts ## regenerate everything generated: contract artefacts and bindings, the sealing assembly
	$(GO) generate ./internal/sha256simd

.PHONY: check-generated
check-generated: ## fail unless the committed sealing assembly is what its generator writes
	@mkdir -p out && cd internal/sha256simd && $(GO) run gen_sha256d.go $(CURDIR)/out/.sha256d_amd64.s
	@cmp -s out/.sha256d_amd64.s internal/sha256simd/sha256d_amd64.s || { echo "internal/sha256simd/sha256d_amd64.s does not match gen_sha256d.go: run 'make generate'"; exit 1; }

.PHONY: check-contracts
check-contracts: ## recompile into a temp dir and fail unless contracts/registry matches byte for byte
	@rm -rf out/.contracts-check && mkdir -p out/.contracts-check
	$(call compile-registry,$(CURDIR)/out/.contracts-check)
	@for f in CredentialRegistry.abi CredentialRegistry.bin CredentialRegistry.metadata.json registry.go; do \
	  cmp -s out/.contracts-check/$$f contracts/registry/$$f || { echo "contracts/registry/$$f does not match CredentialRegistry.sol: run 'make contracts'"; exit 1; }; \
	done; echo "contracts/registry matches CredentialRegistry.sol byte for byte"

.PHONY: chromium
chromium: ## install Debian's Chromium for the browser test when it is missing (as root), or say how
	@command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 || [ -n "$$CREDSEAL_CHROMIUM" ] || { \
	  if [ "$$(id -u)" = 0 ]; then echo "installing Debian's chromium for the browser test"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else echo "the browser test needs Chromium: run 'sudo apt-get install -y chromium' (or set CREDSEAL_CHROMIUM), then make test again"; exit 1; fi; }

.PHONY: poppler
poppler: ## install Debian's poppler-utils for the PDF certificate tests when missing (as root), or say how
	@command -v pdftotext >/dev/null 2>&1 && command -v pdftoppm >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then echo "installing Debian's poppler-utils for the PDF certificate tests"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils >/dev/null; \
	  else echo "the PDF certificate tests need poppler-utils: run 'sudo apt-get install -y poppler-utils', then make test again"; exit 1; fi; }

.PHONY: web-vendor
web-vendor: ## fetch the pinned jsQR (npm) into verifier/web/vendor
	@rm -rf out/.jsqr && mkdir -p out/.jsqr
	cd out/.jsqr && npm pack --silent jsqr@1.4.0 >/dev/null && tar xzf jsqr-1.4.0.tgz
	cp out/.jsqr/package/dist/jsQR.js verifier/web/vendor/jsQR.js
	cp out/.jsqr/package/LICENSE verifier/web/vendor/jsQR.LICENSE

# geth at the pinned version, for the test that anchors on a separate node.
GETH := bin/geth
$(GETH): go.mod
	GOBIN=$(CURDIR)/bin $(GO) install github.com/ethereum/go-ethereum/cmd/geth@$(GETH_VERSION)

# Hardhat's node (npm, pinned by testdata/hardhat): an EVM other than go-ethereum's.
HARDHAT_DIR := bin/hardhat
HARDHAT := $(HARDHAT_DIR)/node_modules/.bin/hardhat
$(HARDHAT): testdata/hardhat/package.json testdata/hardhat/package-lock.json testdata/hardhat/hardhat.config.js
	@command -v npm >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq npm; \
	  else echo "make needs Node.js and npm for the Hardhat node test: sudo apt-get install -y npm"; exit 1; fi; }
	mkdir -p $(HARDHAT_DIR) && cp testdata/hardhat/package.json testdata/hardhat/package-lock.json testdata/hardhat/hardhat.config.js $(HARDHAT_DIR)/
	cd $(HARDHAT_DIR) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

# npm_ci installs the npm packages pinned by testdata/$(1)'s package files into
# bin/$(1) with `npm ci` (installing npm first when run as root). Only the
# package files are copied: nothing from npm is vendored.
define npm_ci
	@command -v npm >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq npm; \
	  else echo "make needs Node.js and npm for the $(2): sudo apt-get install -y npm"; exit 1; fi; }
	mkdir -p bin/$(1) && cp testdata/$(1)/package.json testdata/$(1)/package-lock.json bin/$(1)/
	cd bin/$(1) && npm ci --no-audit --no-fund --loglevel=error
	@touch $@
endef

# The interop harness: DCC's VC libraries, the JSON-LD context packages and
# OpenAttestation. The scripts stay in testdata/interop and load the packages
# from $CREDSEAL_INTEROP/node_modules (see testdata/interop/README.md).
INTEROP_DIR := bin/interop
INTEROP := $(INTEROP_DIR)/.installed
$(INTEROP): testdata/interop/package.json testdata/interop/package-lock.json
	$(call npm_ci,interop,interop tests)

# axe-core, the accessibility engine the browser tests inject into Chromium
# from $CREDSEAL_AXE/node_modules/axe-core (see testdata/axe/README.md).
AXE_DIR := bin/axe
AXE := $(AXE_DIR)/.installed
$(AXE): testdata/axe/package.json testdata/axe/package-lock.json
	$(call npm_ci,axe,accessibility test)

.PHONY: lint
lint: ## gofmt and go vet must be clean
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt -l lists:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

# The quick loop: every package but cmd/credseal, the end-to-end package (the
# binary against chains in other processes, geth, Hardhat and Chromium), with
# -short, which skips the long runs. Needs nothing but Go.
CHECK_SKIP := github.com/credseal/credseal/cmd/credseal
.PHONY: check
check: lint ## the quick loop: gofmt, go vet and the fast tests (-short; no npm, geth, Chromium or root)
	$(GO) test -short $$($(GO) list ./... | grep -vxF '$(CHECK_SKIP)')

.PHONY: test
test: deps lint check-contracts check-generated $(GETH) $(HARDHAT) $(INTEROP) $(AXE) chromium poppler ## the whole suite (also what CI runs)
	CREDSEAL_GETH=$(CURDIR)/$(GETH) CREDSEAL_HARDHAT=$(CURDIR)/$(HARDHAT_DIR) CREDSEAL_INTEROP=$(CURDIR)/$(INTEROP_DIR) CREDSEAL_AXE=$(CURDIR)/$(AXE_DIR) $(GO) test ./...
	$(GO) test -tags purego ./internal/sha256simd ./pkg/seal ./pkg/merkle ./pkg/credential
	$(GO) test -race -short ./pkg/merkle ./internal/sha256simd ./pkg/seal ./issuer ./issuer/boltstore

.PHONY: bench
bench: ## benchmarks behind docs/PERFORMANCE.md
	@echo "machine: $$(nproc) cores, $$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
	$(GO) test -run '^$$' -bench . -benchmem ./pkg/merkle ./internal/sha256simd ./pkg/seal ./pkg/credential ./issuer ./issuer/boltstore ./verifier ./cmd/credseal/cli

.PHONY: bench-million
bench-million: build ## issue 1,000,000 credentials end to end on a fresh dev chain; print wall time and peak RSS
	@command -v /usr/bin/time >/dev/null || { echo "bench-million needs GNU time: sudo apt-get install -y time"; exit 1; }
	@set -euo pipefail; tmp=$$(mktemp -d); \
	  export CREDSEAL_DEVCHAIN=$$tmp/devchain CREDSEAL_ISSUER=$$tmp/issuer; \
	  $(BIN) devchain --port 0 >$$tmp/devchain.log 2>&1 & chain=$$!; \
	  trap 'kill $$chain 2>/dev/null; wait $$chain 2>/dev/null; rm -rf $$tmp' EXIT; \
	  for _ in $$(seq 150); do grep -q '^  rpc' $$tmp/devchain.log && break; \
	    kill -0 $$chain 2>/dev/null || { cat $$tmp/devchain.log; exit 1; }; sleep 0.2; done; \
	  $(BIN) issuer init --name "Université de Lumière" --url https://registrar.example.edu --batch-size 100000 >/dev/null; \
	  $(BIN) bench cohort --count 1000000 --out $$tmp/1M.csv; \
	  echo "credseal issue --input 1M.csv --wait (issuer init --batch-size 100000, dev chain)"; \
	  /usr/bin/time -v $(BIN) issue --input $$tmp/1M.csv --wait >$$tmp/issue.out 2>$$tmp/time.txt || { cat $$tmp/issue.out $$tmp/time.txt; exit 1; }; \
	  tail -2 $$tmp/issue.out; \
	  echo "machine: $$(nproc) cores, $$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"; \
	  awk '/Elapsed \(wall clock\)/ {print "wall time: " $$NF} /Maximum resident set size/ {printf "peak RSS: %.0f MiB\n", $$NF/1024}' $$tmp/time.txt

FUZZTIME ?= 10s
.PHONY: fuzz
fuzz: ## run every fuzz target for FUZZTIME (default 10s) each
	@set -e; for pkg in ./pkg/merkle ./pkg/seal ./pkg/credential ./pkg/bundle ./pkg/chain ./pkg/vc ./pkg/did ./pkg/oa ./pkg/trust ./issuer; do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$target"; $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; done

.PHONY: run
run: build ## dev chain + issuer: issue and anchor testdata/cohort.csv, serve the portal and the verifier page
	@scripts/run.sh $(BIN) out

.PHONY: bench-gas
bench-gas: ## gas of anchor/anchorMany/revoke beside OpenAttestation DocumentStore (fetched with npm)
	@mkdir -p out/peers/ds
	cd out/peers/ds && { [ -f package.json ] || npm init -y >/dev/null; } && \
	  npm install --no-audit --no-fund --loglevel=error @govtechsg/document-store@2.6.1 && \
	  node $(CURDIR)/scripts/peer-docstore.js > docstore.json
	CREDSEAL_PEER_DOCSTORE=$(CURDIR)/out/peers/ds/docstore.json $(GO) test -run '^$$' -bench Gas ./pkg/chain

# The issuing peer: OpenAttestation's wrapDocuments on PEER_N records, with
# testdata/peers/oa-wrapbench.js (copied from the shared peers brief, see
# testdata/peers/README.md). Prints documents wrapped and verified per second.
PEER_N ?= 10000
.PHONY: bench-peer
bench-peer: ## documents/s of OpenAttestation 6.9.7 wrapDocuments (fetched with npm), the issuing peer
	@command -v npm >/dev/null || { echo "bench-peer needs Node.js and npm: sudo apt-get install -y npm"; exit 1; }
	@mkdir -p out/peers/oa
	cd out/peers/oa && { [ -f package.json ] || npm init -y >/dev/null; } && \
	  npm install --no-audit --no-fund --loglevel=error @govtechsg/open-attestation@6.9.7
	@echo "machine: $$(nproc) cores, $$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs); node $$(node --version);" \
	  "@govtechsg/open-attestation $$(cd out/peers/oa && node -p 'require("@govtechsg/open-attestation/package.json").version')"
	cd out/peers/oa && node $(CURDIR)/testdata/peers/oa-wrapbench.js $(PEER_N)

.PHONY: clean
clean: ## remove build and run output
	rm -rf bin out
