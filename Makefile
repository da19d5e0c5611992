# credseal — run `make help` for the targets.
SHELL := /bin/bash
GO    ?= go
BIN   := bin/credseal
RUN_DIR := out/run

.DEFAULT_GOAL := help

.PHONY: help
help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

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

.PHONY: contracts
contracts: ## recompile CredentialRegistry.sol (pinned solc from npm) and regenerate its Go bindings
	cd contracts && npm ci --no-audit --no-fund --loglevel=error
	node contracts/compile.js
	$(ABIGEN) --v2 --abi $(REGISTRY).abi --bin $(REGISTRY).bin --pkg registry \
	  --type CredentialRegistry --out contracts/registry/registry.go

.PHONY: check-contracts
check-contracts: contracts ## fail when the committed ABI, bytecode or bindings differ from the source
	@git diff --exit-code --stat -- contracts/ || { echo "contracts/: committed artefacts do not match CredentialRegistry.sol; run 'make contracts' and commit"; exit 1; }

.PHONY: lint
lint: ## gofmt and go vet must be clean
	@unformatted=$$(gofmt -l .); if [ -n "$$unformatted" ]; then echo "gofmt -l lists:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

.PHONY: test
test: deps lint ## the whole suite (also what CI runs)
	$(GO) test ./...
	$(GO) test -tags purego ./pkg/seal
	$(GO) test -race -short ./pkg/merkle ./pkg/seal ./issuer

.PHONY: bench
bench: ## benchmarks behind docs/PERFORMANCE.md
	@echo "machine: $$(nproc) cores, $$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
	$(GO) test -run '^$$' -bench . -benchmem ./pkg/merkle ./pkg/seal ./pkg/credential ./issuer ./verifier

FUZZTIME ?= 10s
.PHONY: fuzz
fuzz: ## run every fuzz target for FUZZTIME (default 10s) each
	@set -e; for pkg in ./pkg/merkle ./pkg/seal ./pkg/credential ./pkg/bundle; do \
	  for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz'); do \
	    echo "== $$pkg $$target"; $(GO) test -run '^$$' -fuzz "^$$target$$" -fuzztime $(FUZZTIME) $$pkg; \
	  done; done

.PHONY: run
run: build ## issue testdata/cohort.csv offline and verify one bundle
	rm -rf $(RUN_DIR)
	$(BIN) batch --input testdata/cohort.csv --out $(RUN_DIR)
	@echo
	$(BIN) verify $(RUN_DIR)/0000-zoe-muller-oberg.credseal.json
	@echo
	@echo "Bundles and QR codes: $(RUN_DIR)/"
	@echo "Verify a QR code:     $(BIN) verify $(RUN_DIR)/0001-asa-lindqvist.qr.png"

.PHONY: clean
clean: ## remove build and run output
	rm -rf bin out
