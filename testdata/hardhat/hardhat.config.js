// The Hardhat node of TestExternalHardhat: an EVM that is not go-ethereum,
// at the Berlin fork, which predates EIP-1559 base fees (so credseal must
// send legacy-fee transactions) and PUSH0 (so the registry must be
// compiled for an older EVM). Chain ID 31337, automatic mining.
module.exports = {
  networks: {
    hardhat: { hardfork: "berlin", chainId: 31337 },
  },
};
