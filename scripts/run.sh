#!/usr/bin/env bash
# make run: the registrar's whole path on one laptop. Starts the embedded dev
# chain (persistent in OUT/devchain), sets up an issuer (OUT/issuer), issues
# and anchors the sample cohort, exports bundles, QR codes and certificates,
# verifies one bundle on chain, and serves the learner portal, the registrar
# API and the employers' verification page until Ctrl-C, printing their URLs,
# three claim links and a sample QR code. The verifier trusts the issuer's
# did:web for its Open Badges 3.0 credentials.
set -euo pipefail
bin=$1
out=$2
mkdir -p "$out"
out=$(cd "$out" && pwd)
chain_port=${DEVCHAIN_PORT:-8545}
portal=${PORTAL_ADDR:-127.0.0.1:8080}
verifier=${VERIFIER_ADDR:-127.0.0.1:8090}
export CREDSEAL_DEVCHAIN=$out/devchain
export CREDSEAL_ISSUER=$out/issuer
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill -INT "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# wait_for FILE PATTERN PID: until a line of FILE matches, or PID dies.
wait_for() {
  for _ in $(seq 1 150); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    if ! kill -0 "$3" 2>/dev/null; then
      echo "failed to start:" >&2
      cat "$1" >&2
      exit 1
    fi
    sleep 0.2
  done
  echo "timed out waiting for $1" >&2
  exit 1
}

"$bin" devchain --port "$chain_port" >"$out/devchain.log" 2>&1 &
pids+=($!)
wait_for "$out/devchain.log" '^  rpc' "${pids[-1]}"
sed -n '1,4p' "$out/devchain.log"
echo

if [ ! -f "$CREDSEAL_ISSUER/issuer.json" ]; then
  "$bin" issuer init --name "Université de Lumière" --url https://registrar.example.edu \
    --portal-url "http://$portal" --verifier-url "http://$verifier/" --batch-size 20
  echo
fi
"$bin" issue --input testdata/cohort.csv --wait
echo
rm -rf "$out/run"
"$bin" export --out "$out/run" >"$out/export.log"
first=$(ls "$out"/run/batch-*/0000-*.credseal.json | head -1)
"$bin" verify "$first"
echo

# The verifier also trusts this issuer's Open Badges, whose DID document the
# portal publishes (issuers set up before Open Badges have no DID).
did=$(sed -n 's/^ *"did": *"\([^"]*\)".*/\1/p' "$CREDSEAL_ISSUER/issuer.json")
trust=()
[ -n "$did" ] && trust=(--trust-issuer "$did=http://$portal/.well-known/did.json")
"$bin" verifier serve --listen "$verifier" "${trust[@]}" >"$out/verifier.log" 2>&1 &
pids+=($!)
wait_for "$out/verifier.log" 'serving on' "${pids[-1]}"
# An admin token for this run's registrar API (printed below; dev only).
token=$("$bin" issuer token create "make-run-$(date +%s)" --scope admin)
"$bin" issuer serve --listen "$portal" >"$out/serve.log" 2>&1 &
pids+=($!)
wait_for "$out/serve.log" 'serving on' "${pids[-1]}"
qr=$(ls "$out"/run/batch-*/0001-*.qr.png | head -1)
cat <<MSG
Verifier page (employers):       http://$verifier/   — try it with the QR code $qr
Issuer portal and registrar API: http://$portal  (admin API token for this run: $token)
Three learners' claim links (open one, download the bundle, verify it):
$(grep -o 'http://[^ ]*/claim/[^ ]*' "$out/export.log" | head -3 | sed 's/^/  /')
Bundles, QR codes, certificates and signed Open Badges 3.0 (*.ob3.json): $out/run/
Issuer DID document: http://$portal/.well-known/did.json   revocation status list: http://$portal/status/1
In another terminal: export CREDSEAL_DEVCHAIN=$CREDSEAL_DEVCHAIN CREDSEAL_ISSUER=$CREDSEAL_ISSUER
  $bin verify FILE.credseal.json | $bin issuer status | $bin revoke ID --reason 1
Ctrl-C stops the servers and the chain; their data stays in $out.
MSG
wait "${pids[-1]}"
