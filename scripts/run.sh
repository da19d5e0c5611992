#!/usr/bin/env bash
# make run: start the embedded dev chain (persistent in OUT/devchain), issue
# and anchor the sample cohort, verify one bundle against the chain, print
# what to try next, and keep the chain running until Ctrl-C.
set -euo pipefail
bin=$1
out=$2
mkdir -p "$out"
chain_dir=$(cd "$out" && pwd)/devchain
cohort=$out/run
port=${DEVCHAIN_PORT:-8545}
export CREDSEAL_DEVCHAIN=$chain_dir

mkdir -p "$out"
"$bin" devchain --datadir "$chain_dir" --port "$port" >"$out/devchain.log" 2>&1 &
chain_pid=$!
trap 'kill -INT $chain_pid 2>/dev/null; wait $chain_pid 2>/dev/null || true' EXIT INT TERM

for _ in $(seq 1 100); do
  grep -q '^  rpc' "$out/devchain.log" 2>/dev/null && break
  if ! kill -0 $chain_pid 2>/dev/null; then
    echo "the dev chain did not start:" >&2
    cat "$out/devchain.log" >&2
    exit 1
  fi
  sleep 0.2
done
cat "$out/devchain.log"
echo

rm -rf "$cohort"
"$bin" batch --input testdata/cohort.csv --out "$cohort" --anchor
echo
"$bin" verify "$cohort/0000-zoe-muller-oberg.credseal.json"
echo
cat <<MSG
Bundles and QR codes: $cohort/
In another terminal (CREDSEAL_DEVCHAIN=$chain_dir):
  $bin verify $cohort/0001-asa-lindqvist.qr.png
  $bin revoke $cohort/0001-asa-lindqvist.credseal.json --reason 1
The dev chain keeps running until Ctrl-C; its data stays in $chain_dir.
MSG
wait $chain_pid
