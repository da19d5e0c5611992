// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package registry

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// CredentialRegistryMetaData contains all meta data concerning the CredentialRegistry contract.
var CredentialRegistryMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"initialMinDifficulty\",\"type\":\"uint8\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"}],\"name\":\"AlreadyAnchored\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"AlreadyRevoked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"BadHeaderLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"bits\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"minDifficulty\",\"type\":\"uint8\"}],\"name\":\"BitsTooEasy\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"prev\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"lastSeal\",\"type\":\"bytes32\"}],\"name\":\"BrokenChain\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"cutoff\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"fromBlock\",\"type\":\"uint64\"}],\"name\":\"CutoffNotEarlier\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EmptyName\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"bits\",\"type\":\"uint32\"}],\"name\":\"InvalidBits\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"difficulty\",\"type\":\"uint8\"}],\"name\":\"InvalidDifficulty\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidReason\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"IssuerAlreadyActive\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"IssuerExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"IssuerNotActive\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"key\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"successor\",\"type\":\"address\"}],\"name\":\"KeyRotated\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotBatchIssuer\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotPendingOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"bits\",\"type\":\"uint32\"}],\"name\":\"NotSealed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint64\",\"name\":\"fromBlock\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"currentBlock\",\"type\":\"uint64\"}],\"name\":\"SuspensionInFuture\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"}],\"name\":\"UnknownBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"UnknownIssuer\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"name\":\"Anchored\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"}],\"name\":\"BatchRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"}],\"name\":\"CredentialRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"oldKey\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newKey\",\"type\":\"address\"}],\"name\":\"IssuerKeyRotated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"domain\",\"type\":\"string\"}],\"name\":\"IssuerRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"IssuerReinstated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint64\",\"name\":\"fromBlock\",\"type\":\"uint64\"}],\"name\":\"IssuerSuspended\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"difficulty\",\"type\":\"uint8\"}],\"name\":\"MinDifficultyChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"pendingOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"acceptOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"header\",\"type\":\"bytes\"}],\"name\":\"anchor\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"headers\",\"type\":\"bytes\"}],\"name\":\"anchorMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"}],\"name\":\"batch\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"batchIssuer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"time\",\"type\":\"uint64\"},{\"internalType\":\"uint8\",\"name\":\"revokedReason\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"key\",\"type\":\"address\"}],\"name\":\"currentKey\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"genesisOf\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"isRevoked\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"revoked\",\"type\":\"bool\"},{\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"issuerRecord\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"registered\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"active\",\"type\":\"bool\"},{\"internalType\":\"uint8\",\"name\":\"issuerMinDifficulty\",\"type\":\"uint8\"},{\"internalType\":\"uint64\",\"name\":\"registeredAt\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"cutoff\",\"type\":\"uint64\"},{\"internalType\":\"address\",\"name\":\"successor\",\"type\":\"address\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"domain\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"lastSeal\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minDifficulty\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingOwner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"domain\",\"type\":\"string\"}],\"name\":\"registerIssuer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"reinstateIssuer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"}],\"name\":\"revoke\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"}],\"name\":\"revokeBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"oldKey\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"newKey\",\"type\":\"address\"}],\"name\":\"rotateIssuerKey\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"difficulty\",\"type\":\"uint8\"}],\"name\":\"setIssuerMinDifficulty\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"difficulty\",\"type\":\"uint8\"}],\"name\":\"setMinDifficulty\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"status\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"batchIssuer\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"issuerKey\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"time\",\"type\":\"uint64\"},{\"internalType\":\"uint8\",\"name\":\"batchRevokedReason\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"credentialRevokedReason\",\"type\":\"uint8\"},{\"internalType\":\"bool\",\"name\":\"issuerActive\",\"type\":\"bool\"},{\"internalType\":\"uint64\",\"name\":\"cutoff\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"fromBlock\",\"type\":\"uint64\"}],\"name\":\"suspendIssuer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"bits\",\"type\":\"uint32\"}],\"name\":\"target\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"size\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"path\",\"type\":\"bytes32[]\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"name\":\"verifyInclusion\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"pure\",\"type\":\"function\"}]",
	ID:  "CredentialRegistry",
	Bin: "0x60803461010957601f6126eb38819003918201601f19168301916001600160401b0383118484101761010e57808492602094604052833981010312610109575160ff811690818103610109576008821080156100ff575b6100ea57600080546001600160a81b0319163360ff60a01b1981169190911760a09390931b60ff60a01b1692909217815560405190927f915f08ff801a433356c412696b2da87480e3b997312ff3d535963bac15876bbe926020929190857f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e08180a38152a26040516125c690816101258239f35b50634bb5809160e11b60005260045260246000fd5b50607f8211610056565b600080fd5b634e487b7160e01b600052604160045260246000fdfe6080604052600436101561001257600080fd5b60003560e01c8063298405c81461157b578063304dee881461147657806343b7af881461140657806363e41021146110195780636db0253a14610ff657806375dd0e2614610e2957806379ba509714610d5b5780637d3b0ca214610cd55780638da5cb5b14610ca1578063917758fe14610bad578063a279add6146109db578063add98e1e146108e0578063b4a93283146108bc578063c080fb0614610845578063c5ea372314610669578063d41cf92414610628578063d6582828146105a1578063e30c39781461056d578063e66a526c146104a9578063e6e980ac1461036c578063f0d290d214610338578063f2fde38b1461023a578063f6913a5d146101f25763fddaa0651461012457600080fd5b346101ed5760206003193601126101ed57608060043560ff600082600052600360205261018260406000205473ffffffffffffffffffffffffffffffffffffffff81169164ffffffffff65ffffffffffff8360a01c169260d01c1690565b9092919473ffffffffffffffffffffffffffffffffffffffff861695866101cc575b505067ffffffffffffffff809293604051968752166020860152166040840152166060820152f35b67ffffffffffffffff935083916101e291612164565b5050509050926101a4565b600080fd5b346101ed5760206003193601126101ed5760207fffffffffffffffffffffffffffffffffffffffff00000000000000000000000061022e611646565b60601b16604051908152f35b346101ed5760206003193601126101ed57610253611646565b73ffffffffffffffffffffffffffffffffffffffff60005416330361030a5773ffffffffffffffffffffffffffffffffffffffff1680156102e057807fffffffffffffffffffffffff00000000000000000000000000000000000000006001541617600155337f38d16b8cac22d99fc7c124b9cd0de2d3fa1faef420bfe791d8c362d765e22700600080a3005b7fd92e233d0000000000000000000000000000000000000000000000000000000060005260046000fd5b7f245aecd3000000000000000000000000000000000000000000000000000000006000523360045260246000fd5b346101ed5760206003193601126101ed5760043563ffffffff811681036101ed57610364602091612408565b604051908152f35b346101ed5760206003193601126101ed5760043567ffffffffffffffff81116101ed5761039d9036906004016116b1565b8015801561049d575b610470573360005260026020526040600020916103c38354611d20565b90607f8216907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff008316936000925b8184106104025760ff851686178755005b909192946050860180871161043e57836000911161046d57508161042a916050888701611dcb565b946050810180911161043e579291906103f1565b7f4e487b7100000000000000000000000000000000000000000000000000000000600052601160045260246000fd5b80fd5b7f764901020000000000000000000000000000000000000000000000000000000060005260045260246000fd5b506050810615156103a6565b346101ed5760406003193601126101ed576104c2611646565b6104ca611636565b9073ffffffffffffffffffffffffffffffffffffffff60005416330361030a57602073ffffffffffffffffffffffffffffffffffffffff7f915f08ff801a433356c412696b2da87480e3b997312ff3d535963bac15876bbe9261052c85611cd4565b6105358161236c565b60ff7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80825416961680961790556040519485521692a2005b346101ed5760006003193601126101ed57602073ffffffffffffffffffffffffffffffffffffffff60015416604051908152f35b346101ed5760406003193601126101ed5761010073ffffffffffffffffffffffffffffffffffffffff67ffffffffffffffff808060ff84816105e7602435600435611c33565b9b95909a939492966040999299519e8f911690521660208d01521660408b01521660608901521660808701521660a0850152151560c08401521660e0820152f35b346101ed5760206003193601126101ed57602061064b610646611646565b611bd5565b73ffffffffffffffffffffffffffffffffffffffff60405191168152f35b346101ed5760406003193601126101ed57610682611646565b60243573ffffffffffffffffffffffffffffffffffffffff8116918282036101ed5773ffffffffffffffffffffffffffffffffffffffff60005416330361030a5782156102e0576106d28161236c565b836000526002602052604060002080546108175773ffffffffffffffffffffffffffffffffffffffff936107e97fffffffffffffffffffffffffffffffffffffffff00000000000000000000000092608085547fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00607f821691161717815567ffffffffffffffff60018601541667ffffffffffffffff6001830191167fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000008254161781556fffffffffffffffff00000000000000007fffffffffffffffffffffffffffffffff0000000000000000ffffffffffffffff8254161790556107dd6002860160028301611af7565b60038086019101611af7565b60601b169055167f8debd6ad398dc675e47c130063b4baae885330dddb8dc32b442ab28299fe716b600080a3005b847ff19b84bb0000000000000000000000000000000000000000000000000000000060005260045260246000fd5b346101ed5760a06003193601126101ed5760643567ffffffffffffffff81116101ed57366023820112156101ed57806004013567ffffffffffffffff81116101ed573660248260051b840101116101ed576020916108b29160246084359201604435602435600435611921565b6040519015158152f35b346101ed5760006003193601126101ed57602060ff60005460a01c16604051908152f35b346101ed5760206003193601126101ed576108f9611646565b73ffffffffffffffffffffffffffffffffffffffff60005416330361030a578061093773ffffffffffffffffffffffffffffffffffffffff9261236c565b805490608082166109ab576080600192178155016fffffffffffffffff00000000000000007fffffffffffffffffffffffffffffffff0000000000000000ffffffffffffffff825416179055167f8241f2da5c40089bf9bade2bb885dbceb900c53ee229a2557dd66f74f1bc3f8e600080a2005b50507f3bb454f6000000000000000000000000000000000000000000000000000000006000521660045260246000fd5b346101ed5760406003193601126101ed576004356109f7611636565b60ff8116908115610b8357826000526003602052826040600020548015610b555773ffffffffffffffffffffffffffffffffffffffff16610a3781611bd5565b73ffffffffffffffffffffffffffffffffffffffff33911603610b235760ff91610a6991610a64336120fd565b612164565b505050905016610af557610aac907fff000000000000000000000000000000000000000000000000000000000000009060f81b1667ffffffffffffffff43161790565b3360005260056020526040600020836000526020526040600020556040519081527fd7d591fd07d97a2bdf24cc79ad3c17db5e6b7487327753b4a0630acd5a2783f260203392a3005b827f90315de10000000000000000000000000000000000000000000000000000000060005260045260246000fd5b507f80a01b1e000000000000000000000000000000000000000000000000000000006000526004523360245260446000fd5b507f877402b00000000000000000000000000000000000000000000000000000000060005260045260246000fd5b7fdee26e4c0000000000000000000000000000000000000000000000000000000060005260046000fd5b346101ed5760406003193601126101ed57600435610bc9611636565b60ff8116908115610b8357610bdd336120fd565b3360005260046020526040600020908360005281602052604060002054610c7357610c37907fff000000000000000000000000000000000000000000000000000000000000009060f81b1667ffffffffffffffff43161790565b90836000526020526040600020556040519081527f15915a23bd2346df5d6e549e78985260dc7fb7fe1f80d23d6b7316620ec559a760203392a3005b837f90315de10000000000000000000000000000000000000000000000000000000060005260045260246000fd5b346101ed5760006003193601126101ed57602073ffffffffffffffffffffffffffffffffffffffff60005416604051908152f35b346101ed5760206003193601126101ed5760043567ffffffffffffffff81116101ed57610d069036906004016116b1565b9033600052600260205260ff610d54604060002093610d258554611d20565b93607f8516917fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff00861691611dcb565b9116179055005b346101ed5760006003193601126101ed5760015473ffffffffffffffffffffffffffffffffffffffff81163303610dfb577fffffffffffffffffffffffff0000000000000000000000000000000000000000906000543373ffffffffffffffffffffffffffffffffffffffff82167f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0600080a38216331760005516600155005b7fa09b9a43000000000000000000000000000000000000000000000000000000006000523360045260246000fd5b346101ed5760406003193601126101ed57610e42611646565b6024359067ffffffffffffffff8216908183036101ed5773ffffffffffffffffffffffffffffffffffffffff60005416330361030a5773ffffffffffffffffffffffffffffffffffffffff16918260005260026020526040600020908154918215610fc857438411610f8c57600181019267ffffffffffffffff845460401c1680861015610f5a57507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f16905581547fffffffffffffffffffffffffffffffff0000000000000000ffffffffffffffff16604091821b6fffffffffffffffff00000000000000001617909155519081527f82fb040fab169388cb3cffb07df74b2e23502ca92ef5583c483a117d40f2082290602090a2005b85907f9ad53ea50000000000000000000000000000000000000000000000000000000060005260045260245260446000fd5b837fc93aba760000000000000000000000000000000000000000000000000000000060005260045267ffffffffffffffff431660245260446000fd5b847f8b89a2840000000000000000000000000000000000000000000000000000000060005260045260246000fd5b346101ed5760206003193601126101ed576020610364611014611646565b61188a565b346101ed5760606003193601126101ed57611032611646565b60243567ffffffffffffffff81116101ed576110529036906004016116b1565b919060443567ffffffffffffffff81116101ed576110749036906004016116b1565b93906000549373ffffffffffffffffffffffffffffffffffffffff8516330361030a5773ffffffffffffffffffffffffffffffffffffffff81169485156102e05783156113dc5785600052600260205260406000209182546113ae579060ff7fffffffffffffffffffffffffffffffffffffffff00000000000000000000000060809360601b169160a01c16171781556001810167ffffffffffffffff804316167fffffffffffffffffffffffffffffffffffffffffffffffff00000000000000008254161781556fffffffffffffffff00000000000000007fffffffffffffffffffffffffffffffff0000000000000000ffffffffffffffff825416179055600281019067ffffffffffffffff841161130d5761119c8461119684546116df565b84611817565b60009184601f811160011461134757806111ce9160039560009161133c575b506000198260011b9260031b1c19161790565b90555b019467ffffffffffffffff811161130d576111f6816111f088546116df565b88611817565b600095601f82116001146112845790611274929161124c82807f2b062b4e0857383c98aacd16bcd2714030d81ad54eb91dd18856344424386651999a60009161127957506000198260011b9260031b1c19161790565b90555b611266604051958695604087526040870191611869565b918483036020860152611869565b0390a2005b90508501358b6111bb565b80875260208720601f198316885b8181106112f55750907f2b062b4e0857383c98aacd16bcd2714030d81ad54eb91dd1885634442438665197988461127496959493106112db575b5050600182811b01905561124f565b60001960f88560031b161c199085013516905588806112cc565b858a013583556020998a019960019093019201611292565b7f4e487b7100000000000000000000000000000000000000000000000000000000600052604160045260246000fd5b90508801358b6111bb565b601f19169281815260208120908681955b808710611390576003965010611378575b5050600185811b0190556111d1565b87013560001987861b60f8161c191690558880611369565b89830135845560209687019660019094019390920191889150611358565b867ff19b84bb0000000000000000000000000000000000000000000000000000000060005260045260246000fd5b7f2ef131050000000000000000000000000000000000000000000000000000000060005260046000fd5b346101ed5760406003193601126101ed5773ffffffffffffffffffffffffffffffffffffffff611434611646565b1660005260046020526040600020602435600052602052606060406000205467ffffffffffffffff6040519180151583528060f81c6020840152166040820152f35b346101ed5760206003193601126101ed5761148f611646565b73ffffffffffffffffffffffffffffffffffffffff600091166000526002602052604060002061156081549283151592838094611570575b611564575b8073ffffffffffffffffffffffffffffffffffffffff60016115529301549367ffffffffffffffff61150c600361150560028701611755565b9501611755565b95607f6040519a8b9a8b5260808116151560208c01521660408a015281811660608a015260401c1660808801521660a086015261010060c086015261010085019061168c565b9083820360e085015261168c565b0390f35b606085901c91506114cc565b50607f8516156114c7565b346101ed5760206003193601126101ed5760043560ff8116908181036101ed576000549073ffffffffffffffffffffffffffffffffffffffff8216330361030a576000927f915f08ff801a433356c412696b2da87480e3b997312ff3d535963bac15876bbe927fffffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffff74ff000000000000000000000000000000000000000084611624602096611cd4565b60a01b169116178455604051908152a2005b6024359060ff821682036101ed57565b6004359073ffffffffffffffffffffffffffffffffffffffff821682036101ed57565b60005b83811061167c5750506000910152565b818101518382015260200161166c565b90601f19601f6020936116aa81518092818752878088019101611669565b0116010190565b9181601f840112156101ed5782359167ffffffffffffffff83116101ed57602083818601950101116101ed57565b90600182811c92168015611728575b60208310146116f957565b7f4e487b7100000000000000000000000000000000000000000000000000000000600052602260045260246000fd5b91607f16916116ee565b90601f601f19910116810190811067ffffffffffffffff82111761130d57604052565b9060405191826000825492611769846116df565b80845293600181169081156117d75750600114611790575b5061178e92500383611732565b565b90506000929192526020600020906000915b8183106117bb57505090602061178e9282010138611781565b60209193508060019154838589010152019101909184926117a2565b6020935061178e9592507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0091501682840152151560051b82010138611781565b601f821161182457505050565b6000526020600020906020601f840160051c8301931061185f575b601f0160051c01905b818110611853575050565b60008155600101611848565b909150819061183f565b601f8260209493601f19938186528686013760008582860101520116010190565b73ffffffffffffffffffffffffffffffffffffffff166000526002602052604060002054607f8116156118dc577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff001690565b50600090565b91908110156118f25760051b0190565b7f4e487b7100000000000000000000000000000000000000000000000000000000600052603260045260246000fd5b929094939482811015611aec5791600019810190811161043e579294600092915b81841061195f575050505015918261195957505090565b14919050565b90929693958695929515611adf576001808716148015611ad6575b15611a5b5760006119fa6020926119db6119e96119988d8a896118e2565b3592604051928391888301958690916041927f01000000000000000000000000000000000000000000000000000000000000008352600183015260218201520190565b03601f198101835282611732565b604051928392839251928391611669565b8101039060025afa15611a4f576000519295945b600181161580611a46575b15611a2b5760011c9460011c94611a0e565b6001909794979691929593965b811c93811c94019291611942565b50801515611a19565b6040513d6000823e3d90fd5b6000611abe6020926119db6119e9611a7c8d8a9b9e9b899a9d9e9b996118e2565b35604051928391888301958690916041927f01000000000000000000000000000000000000000000000000000000000000008352600183015260218201520190565b8101039060025afa15611a4f57600160005196611a38565b5086861461197a565b5050505092505050600090565b505050505050600090565b919091828114611bd057611b0b83546116df565b67ffffffffffffffff811161130d57611b288161119684546116df565b600093601f8211600114611b6957611b5a9293948291600092611b5e575b50506000198260011b9260031b1c19161790565b9055565b015490503880611b46565b601f19821690855260208520948381526020812091815b818110611bb857509583600195969710611b9f575b505050811b019055565b015460001960f88460031b161c19169055388080611b95565b9192600180602092868b015481550194019201611b80565b509050565b73ffffffffffffffffffffffffffffffffffffffff81166000526002602052604060002054905b81151580611c28575b15611c23575060601c60008181526002602052604090205490611bfc565b905090565b50607f821615611c05565b919091806000526003602052611c7a60406000205473ffffffffffffffffffffffffffffffffffffffff81169164ffffffffff65ffffffffffff8360a01c169260d01c1690565b919490929083838773ffffffffffffffffffffffffffffffffffffffff811615611cb65750505090611cac9186612268565b9692969091969392565b97506000969195509350859250829150819067ffffffffffffffff90565b60ff16600881108015611d16575b611ce95750565b7f976b01220000000000000000000000000000000000000000000000000000000060005260045260246000fd5b50607f8111611ce2565b8015611d9d576080811615611d325790565b607f811615611d69577f6ace818e000000000000000000000000000000000000000000000000000000006000523360045260246000fd5b7fd5e158d1000000000000000000000000000000000000000000000000000000006000523360045260601c60245260446000fd5b7f8b89a284000000000000000000000000000000000000000000000000000000006000523360045260246000fd5b9190939293605081036104705750600482013590603083013560ff8160381c1661ff008260281c16179063ff00000062ff00008260181c169160081c161717918181036120cd575050611e1d81612408565b938061010003610100811161043e5785901c6120935750604051605083823760208160508160025afa156101ed57602081818160025afa156101ed5751937fff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff008560081b167eff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff8660081c16177dffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff7fffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff00008260101b169160101c16177bffffffff00000000ffffffff00000000ffffffff00000000ffffffff7fffffffff00000000ffffffff00000000ffffffff00000000ffffffff000000008260201b169160201c161777ffffffffffffffff0000000000000000ffffffffffffffff7fffffffffffffffff0000000000000000ffffffffffffffff00000000000000008260401b169160401c16178060801b9060801c171161205b5750829081600052600360205260406000205461202d578160005260036020527effffffffff00000000000000000000000000000000000000000000000000004260d01b1679ffffffffffff00000000000000000000000000000000000000004360a01b16331717604060002055602460405191013581527fb1d5c7988740a31dc57f1b85a7d7c1c10f2009388bc0ee67ef142b5386ea444760203392a3565b507f30d238130000000000000000000000000000000000000000000000000000000060005260045260246000fd5b63ffffffff90847f174f7b3c000000000000000000000000000000000000000000000000000000006000526004521660245260446000fd5b63ffffffff60ff927f0306062700000000000000000000000000000000000000000000000000000000600052166004521660245260446000fd5b7fc136370f0000000000000000000000000000000000000000000000000000000060005260045260245260446000fd5b67ffffffffffffffff8060016121128461236c565b015460401c16036121205750565b73ffffffffffffffffffffffffffffffffffffffff907f6ace818e000000000000000000000000000000000000000000000000000000006000521660045260246000fd5b919060009260009267ffffffffffffffff915b73ffffffffffffffffffffffffffffffffffffffff811680600052600260205260406000209067ffffffffffffffff600183015460401c169060ff89161561223c575b60ff88161561220f575b5067ffffffffffffffff85168110612207575b505490811580156121fb575b6121f0575060601c612177565b935060801615159190565b50607f821615156121e3565b9350386121d7565b90965060005260056020526040600020856000526020526122358660406000205461255b565b95386121c4565b80985060005260046020526040600020600080526020526122628160406000205461255b565b976121ba565b60009360009367ffffffffffffffff925b73ffffffffffffffffffffffffffffffffffffffff811680600052600260205260406000209067ffffffffffffffff600183015460401c169060ff8a1615612340575b60ff891615612313575b5067ffffffffffffffff8616811061230b575b505490811580156122ff575b6122f2575060601c612279565b9450608016151592919050565b50607f821615156122e5565b9450386122d9565b90975060005260056020526040600020836000526020526123398760406000205461255b565b96386122c6565b80995060005260046020526040600020876000526020526123668160406000205461255b565b986122bc565b73ffffffffffffffffffffffffffffffffffffffff169081600052600260205260406000209182549081156123db57607f8216156123a8575050565b7fd5e158d10000000000000000000000000000000000000000000000000000000060005260045260601c60245260446000fd5b7f8b89a2840000000000000000000000000000000000000000000000000000000060005260045260246000fd5b63ffffffff81169060ff8160181c1690627fffff8116926003831191821561251b575b841590811561250c575b506124b4576022831180156124f7575b80156124e1575b6124b45750156124b0577ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd810190811161043e577f1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8116810361043e5760031b1b90565b5090565b7f470b9aeb0000000000000000000000000000000000000000000000000000000060005260045260246000fd5b5061ffff8411801561244c57506020831161244c565b5060ff84118015612445575060218311612445565b62800000915016151538612435565b93836003036003811161043e577f1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8116810361043e5760031b1c9361242b565b908115159081612572575b50156118dc5760f81c90565b67ffffffffffffffff91501667ffffffffffffffff8216103861256656fea2646970667358221220a2e80f2b53892398675112b7758da4b4f69ebccac4575b0b23ff7ba9e8d424c964736f6c634300081e0033",
}

// CredentialRegistry is an auto generated Go binding around an Ethereum contract.
type CredentialRegistry struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *CredentialRegistry) GetABI() abi.ABI {
	return c.abi
}

// NewCredentialRegistry creates a new instance of CredentialRegistry.
func NewCredentialRegistry() *CredentialRegistry {
	parsed, err := CredentialRegistryMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &CredentialRegistry{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *CredentialRegistry) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(uint8 initialMinDifficulty) returns()
func (credentialRegistry *CredentialRegistry) PackConstructor(initialMinDifficulty uint8) []byte {
	enc, err := credentialRegistry.abi.Pack("", initialMinDifficulty)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAcceptOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x79ba5097.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function acceptOwnership() returns()
func (credentialRegistry *CredentialRegistry) PackAcceptOwnership() []byte {
	enc, err := credentialRegistry.abi.Pack("acceptOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAcceptOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x79ba5097.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function acceptOwnership() returns()
func (credentialRegistry *CredentialRegistry) TryPackAcceptOwnership() ([]byte, error) {
	return credentialRegistry.abi.Pack("acceptOwnership")
}

// PackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7d3b0ca2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchor(bytes header) returns()
func (credentialRegistry *CredentialRegistry) PackAnchor(header []byte) []byte {
	enc, err := credentialRegistry.abi.Pack("anchor", header)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x7d3b0ca2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchor(bytes header) returns()
func (credentialRegistry *CredentialRegistry) TryPackAnchor(header []byte) ([]byte, error) {
	return credentialRegistry.abi.Pack("anchor", header)
}

// PackAnchorMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe6e980ac.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchorMany(bytes headers) returns()
func (credentialRegistry *CredentialRegistry) PackAnchorMany(headers []byte) []byte {
	enc, err := credentialRegistry.abi.Pack("anchorMany", headers)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchorMany is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe6e980ac.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchorMany(bytes headers) returns()
func (credentialRegistry *CredentialRegistry) TryPackAnchorMany(headers []byte) ([]byte, error) {
	return credentialRegistry.abi.Pack("anchorMany", headers)
}

// PackBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfddaa065.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function batch(bytes32 seal) view returns(address batchIssuer, uint64 blockNumber, uint64 time, uint8 revokedReason)
func (credentialRegistry *CredentialRegistry) PackBatch(seal [32]byte) []byte {
	enc, err := credentialRegistry.abi.Pack("batch", seal)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfddaa065.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function batch(bytes32 seal) view returns(address batchIssuer, uint64 blockNumber, uint64 time, uint8 revokedReason)
func (credentialRegistry *CredentialRegistry) TryPackBatch(seal [32]byte) ([]byte, error) {
	return credentialRegistry.abi.Pack("batch", seal)
}

// BatchOutput serves as a container for the return parameters of contract
// method Batch.
type BatchOutput struct {
	BatchIssuer   common.Address
	BlockNumber   uint64
	Time          uint64
	RevokedReason uint8
}

// UnpackBatch is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfddaa065.
//
// Solidity: function batch(bytes32 seal) view returns(address batchIssuer, uint64 blockNumber, uint64 time, uint8 revokedReason)
func (credentialRegistry *CredentialRegistry) UnpackBatch(data []byte) (BatchOutput, error) {
	out, err := credentialRegistry.abi.Unpack("batch", data)
	outstruct := new(BatchOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.BatchIssuer = *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	outstruct.BlockNumber = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	outstruct.Time = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	outstruct.RevokedReason = *abi.ConvertType(out[3], new(uint8)).(*uint8)
	return *outstruct, nil
}

// PackCurrentKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd41cf924.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function currentKey(address key) view returns(address)
func (credentialRegistry *CredentialRegistry) PackCurrentKey(key common.Address) []byte {
	enc, err := credentialRegistry.abi.Pack("currentKey", key)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCurrentKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd41cf924.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function currentKey(address key) view returns(address)
func (credentialRegistry *CredentialRegistry) TryPackCurrentKey(key common.Address) ([]byte, error) {
	return credentialRegistry.abi.Pack("currentKey", key)
}

// UnpackCurrentKey is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd41cf924.
//
// Solidity: function currentKey(address key) view returns(address)
func (credentialRegistry *CredentialRegistry) UnpackCurrentKey(data []byte) (common.Address, error) {
	out, err := credentialRegistry.abi.Unpack("currentKey", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackGenesisOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf6913a5d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function genesisOf(address issuer) pure returns(bytes32)
func (credentialRegistry *CredentialRegistry) PackGenesisOf(issuer common.Address) []byte {
	enc, err := credentialRegistry.abi.Pack("genesisOf", issuer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGenesisOf is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf6913a5d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function genesisOf(address issuer) pure returns(bytes32)
func (credentialRegistry *CredentialRegistry) TryPackGenesisOf(issuer common.Address) ([]byte, error) {
	return credentialRegistry.abi.Pack("genesisOf", issuer)
}

// UnpackGenesisOf is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf6913a5d.
//
// Solidity: function genesisOf(address issuer) pure returns(bytes32)
func (credentialRegistry *CredentialRegistry) UnpackGenesisOf(data []byte) ([32]byte, error) {
	out, err := credentialRegistry.abi.Unpack("genesisOf", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackIsRevoked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x43b7af88.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function isRevoked(address issuer, bytes32 digest) view returns(bool revoked, uint8 reason, uint64 blockNumber)
func (credentialRegistry *CredentialRegistry) PackIsRevoked(issuer common.Address, digest [32]byte) []byte {
	enc, err := credentialRegistry.abi.Pack("isRevoked", issuer, digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIsRevoked is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x43b7af88.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function isRevoked(address issuer, bytes32 digest) view returns(bool revoked, uint8 reason, uint64 blockNumber)
func (credentialRegistry *CredentialRegistry) TryPackIsRevoked(issuer common.Address, digest [32]byte) ([]byte, error) {
	return credentialRegistry.abi.Pack("isRevoked", issuer, digest)
}

// IsRevokedOutput serves as a container for the return parameters of contract
// method IsRevoked.
type IsRevokedOutput struct {
	Revoked     bool
	Reason      uint8
	BlockNumber uint64
}

// UnpackIsRevoked is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x43b7af88.
//
// Solidity: function isRevoked(address issuer, bytes32 digest) view returns(bool revoked, uint8 reason, uint64 blockNumber)
func (credentialRegistry *CredentialRegistry) UnpackIsRevoked(data []byte) (IsRevokedOutput, error) {
	out, err := credentialRegistry.abi.Unpack("isRevoked", data)
	outstruct := new(IsRevokedOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Revoked = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Reason = *abi.ConvertType(out[1], new(uint8)).(*uint8)
	outstruct.BlockNumber = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackIssuerRecord is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x304dee88.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function issuerRecord(address account) view returns(bool registered, bool active, uint8 issuerMinDifficulty, uint64 registeredAt, uint64 cutoff, address successor, string name, string domain)
func (credentialRegistry *CredentialRegistry) PackIssuerRecord(account common.Address) []byte {
	enc, err := credentialRegistry.abi.Pack("issuerRecord", account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackIssuerRecord is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x304dee88.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function issuerRecord(address account) view returns(bool registered, bool active, uint8 issuerMinDifficulty, uint64 registeredAt, uint64 cutoff, address successor, string name, string domain)
func (credentialRegistry *CredentialRegistry) TryPackIssuerRecord(account common.Address) ([]byte, error) {
	return credentialRegistry.abi.Pack("issuerRecord", account)
}

// IssuerRecordOutput serves as a container for the return parameters of contract
// method IssuerRecord.
type IssuerRecordOutput struct {
	Registered          bool
	Active              bool
	IssuerMinDifficulty uint8
	RegisteredAt        uint64
	Cutoff              uint64
	Successor           common.Address
	Name                string
	Domain              string
}

// UnpackIssuerRecord is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x304dee88.
//
// Solidity: function issuerRecord(address account) view returns(bool registered, bool active, uint8 issuerMinDifficulty, uint64 registeredAt, uint64 cutoff, address successor, string name, string domain)
func (credentialRegistry *CredentialRegistry) UnpackIssuerRecord(data []byte) (IssuerRecordOutput, error) {
	out, err := credentialRegistry.abi.Unpack("issuerRecord", data)
	outstruct := new(IssuerRecordOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Registered = *abi.ConvertType(out[0], new(bool)).(*bool)
	outstruct.Active = *abi.ConvertType(out[1], new(bool)).(*bool)
	outstruct.IssuerMinDifficulty = *abi.ConvertType(out[2], new(uint8)).(*uint8)
	outstruct.RegisteredAt = *abi.ConvertType(out[3], new(uint64)).(*uint64)
	outstruct.Cutoff = *abi.ConvertType(out[4], new(uint64)).(*uint64)
	outstruct.Successor = *abi.ConvertType(out[5], new(common.Address)).(*common.Address)
	outstruct.Name = *abi.ConvertType(out[6], new(string)).(*string)
	outstruct.Domain = *abi.ConvertType(out[7], new(string)).(*string)
	return *outstruct, nil
}

// PackLastSeal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6db0253a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function lastSeal(address issuer) view returns(bytes32)
func (credentialRegistry *CredentialRegistry) PackLastSeal(issuer common.Address) []byte {
	enc, err := credentialRegistry.abi.Pack("lastSeal", issuer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLastSeal is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6db0253a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function lastSeal(address issuer) view returns(bytes32)
func (credentialRegistry *CredentialRegistry) TryPackLastSeal(issuer common.Address) ([]byte, error) {
	return credentialRegistry.abi.Pack("lastSeal", issuer)
}

// UnpackLastSeal is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6db0253a.
//
// Solidity: function lastSeal(address issuer) view returns(bytes32)
func (credentialRegistry *CredentialRegistry) UnpackLastSeal(data []byte) ([32]byte, error) {
	out, err := credentialRegistry.abi.Unpack("lastSeal", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackMinDifficulty is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb4a93283.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function minDifficulty() view returns(uint8)
func (credentialRegistry *CredentialRegistry) PackMinDifficulty() []byte {
	enc, err := credentialRegistry.abi.Pack("minDifficulty")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMinDifficulty is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb4a93283.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function minDifficulty() view returns(uint8)
func (credentialRegistry *CredentialRegistry) TryPackMinDifficulty() ([]byte, error) {
	return credentialRegistry.abi.Pack("minDifficulty")
}

// UnpackMinDifficulty is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb4a93283.
//
// Solidity: function minDifficulty() view returns(uint8)
func (credentialRegistry *CredentialRegistry) UnpackMinDifficulty(data []byte) (uint8, error) {
	out, err := credentialRegistry.abi.Unpack("minDifficulty", data)
	if err != nil {
		return *new(uint8), err
	}
	out0 := *abi.ConvertType(out[0], new(uint8)).(*uint8)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (credentialRegistry *CredentialRegistry) PackOwner() []byte {
	enc, err := credentialRegistry.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (credentialRegistry *CredentialRegistry) TryPackOwner() ([]byte, error) {
	return credentialRegistry.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (credentialRegistry *CredentialRegistry) UnpackOwner(data []byte) (common.Address, error) {
	out, err := credentialRegistry.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPendingOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe30c3978.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pendingOwner() view returns(address)
func (credentialRegistry *CredentialRegistry) PackPendingOwner() []byte {
	enc, err := credentialRegistry.abi.Pack("pendingOwner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPendingOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe30c3978.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pendingOwner() view returns(address)
func (credentialRegistry *CredentialRegistry) TryPackPendingOwner() ([]byte, error) {
	return credentialRegistry.abi.Pack("pendingOwner")
}

// UnpackPendingOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe30c3978.
//
// Solidity: function pendingOwner() view returns(address)
func (credentialRegistry *CredentialRegistry) UnpackPendingOwner(data []byte) (common.Address, error) {
	out, err := credentialRegistry.abi.Unpack("pendingOwner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackRegisterIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x63e41021.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function registerIssuer(address issuer, string name, string domain) returns()
func (credentialRegistry *CredentialRegistry) PackRegisterIssuer(issuer common.Address, name string, domain string) []byte {
	enc, err := credentialRegistry.abi.Pack("registerIssuer", issuer, name, domain)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRegisterIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x63e41021.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function registerIssuer(address issuer, string name, string domain) returns()
func (credentialRegistry *CredentialRegistry) TryPackRegisterIssuer(issuer common.Address, name string, domain string) ([]byte, error) {
	return credentialRegistry.abi.Pack("registerIssuer", issuer, name, domain)
}

// PackReinstateIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xadd98e1e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reinstateIssuer(address issuer) returns()
func (credentialRegistry *CredentialRegistry) PackReinstateIssuer(issuer common.Address) []byte {
	enc, err := credentialRegistry.abi.Pack("reinstateIssuer", issuer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReinstateIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xadd98e1e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reinstateIssuer(address issuer) returns()
func (credentialRegistry *CredentialRegistry) TryPackReinstateIssuer(issuer common.Address) ([]byte, error) {
	return credentialRegistry.abi.Pack("reinstateIssuer", issuer)
}

// PackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x917758fe.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revoke(bytes32 digest, uint8 reason) returns()
func (credentialRegistry *CredentialRegistry) PackRevoke(digest [32]byte, reason uint8) []byte {
	enc, err := credentialRegistry.abi.Pack("revoke", digest, reason)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevoke is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x917758fe.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revoke(bytes32 digest, uint8 reason) returns()
func (credentialRegistry *CredentialRegistry) TryPackRevoke(digest [32]byte, reason uint8) ([]byte, error) {
	return credentialRegistry.abi.Pack("revoke", digest, reason)
}

// PackRevokeBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa279add6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function revokeBatch(bytes32 seal, uint8 reason) returns()
func (credentialRegistry *CredentialRegistry) PackRevokeBatch(seal [32]byte, reason uint8) []byte {
	enc, err := credentialRegistry.abi.Pack("revokeBatch", seal, reason)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRevokeBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa279add6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function revokeBatch(bytes32 seal, uint8 reason) returns()
func (credentialRegistry *CredentialRegistry) TryPackRevokeBatch(seal [32]byte, reason uint8) ([]byte, error) {
	return credentialRegistry.abi.Pack("revokeBatch", seal, reason)
}

// PackRotateIssuerKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc5ea3723.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function rotateIssuerKey(address oldKey, address newKey) returns()
func (credentialRegistry *CredentialRegistry) PackRotateIssuerKey(oldKey common.Address, newKey common.Address) []byte {
	enc, err := credentialRegistry.abi.Pack("rotateIssuerKey", oldKey, newKey)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRotateIssuerKey is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc5ea3723.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function rotateIssuerKey(address oldKey, address newKey) returns()
func (credentialRegistry *CredentialRegistry) TryPackRotateIssuerKey(oldKey common.Address, newKey common.Address) ([]byte, error) {
	return credentialRegistry.abi.Pack("rotateIssuerKey", oldKey, newKey)
}

// PackSetIssuerMinDifficulty is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe66a526c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setIssuerMinDifficulty(address issuer, uint8 difficulty) returns()
func (credentialRegistry *CredentialRegistry) PackSetIssuerMinDifficulty(issuer common.Address, difficulty uint8) []byte {
	enc, err := credentialRegistry.abi.Pack("setIssuerMinDifficulty", issuer, difficulty)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetIssuerMinDifficulty is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe66a526c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setIssuerMinDifficulty(address issuer, uint8 difficulty) returns()
func (credentialRegistry *CredentialRegistry) TryPackSetIssuerMinDifficulty(issuer common.Address, difficulty uint8) ([]byte, error) {
	return credentialRegistry.abi.Pack("setIssuerMinDifficulty", issuer, difficulty)
}

// PackSetMinDifficulty is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x298405c8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setMinDifficulty(uint8 difficulty) returns()
func (credentialRegistry *CredentialRegistry) PackSetMinDifficulty(difficulty uint8) []byte {
	enc, err := credentialRegistry.abi.Pack("setMinDifficulty", difficulty)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetMinDifficulty is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x298405c8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setMinDifficulty(uint8 difficulty) returns()
func (credentialRegistry *CredentialRegistry) TryPackSetMinDifficulty(difficulty uint8) ([]byte, error) {
	return credentialRegistry.abi.Pack("setMinDifficulty", difficulty)
}

// PackStatus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd6582828.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function status(bytes32 seal, bytes32 digest) view returns(address batchIssuer, address issuerKey, uint64 blockNumber, uint64 time, uint8 batchRevokedReason, uint8 credentialRevokedReason, bool issuerActive, uint64 cutoff)
func (credentialRegistry *CredentialRegistry) PackStatus(seal [32]byte, digest [32]byte) []byte {
	enc, err := credentialRegistry.abi.Pack("status", seal, digest)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStatus is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xd6582828.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function status(bytes32 seal, bytes32 digest) view returns(address batchIssuer, address issuerKey, uint64 blockNumber, uint64 time, uint8 batchRevokedReason, uint8 credentialRevokedReason, bool issuerActive, uint64 cutoff)
func (credentialRegistry *CredentialRegistry) TryPackStatus(seal [32]byte, digest [32]byte) ([]byte, error) {
	return credentialRegistry.abi.Pack("status", seal, digest)
}

// StatusOutput serves as a container for the return parameters of contract
// method Status.
type StatusOutput struct {
	BatchIssuer             common.Address
	IssuerKey               common.Address
	BlockNumber             uint64
	Time                    uint64
	BatchRevokedReason      uint8
	CredentialRevokedReason uint8
	IssuerActive            bool
	Cutoff                  uint64
}

// UnpackStatus is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd6582828.
//
// Solidity: function status(bytes32 seal, bytes32 digest) view returns(address batchIssuer, address issuerKey, uint64 blockNumber, uint64 time, uint8 batchRevokedReason, uint8 credentialRevokedReason, bool issuerActive, uint64 cutoff)
func (credentialRegistry *CredentialRegistry) UnpackStatus(data []byte) (StatusOutput, error) {
	out, err := credentialRegistry.abi.Unpack("status", data)
	outstruct := new(StatusOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.BatchIssuer = *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	outstruct.IssuerKey = *abi.ConvertType(out[1], new(common.Address)).(*common.Address)
	outstruct.BlockNumber = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	outstruct.Time = *abi.ConvertType(out[3], new(uint64)).(*uint64)
	outstruct.BatchRevokedReason = *abi.ConvertType(out[4], new(uint8)).(*uint8)
	outstruct.CredentialRevokedReason = *abi.ConvertType(out[5], new(uint8)).(*uint8)
	outstruct.IssuerActive = *abi.ConvertType(out[6], new(bool)).(*bool)
	outstruct.Cutoff = *abi.ConvertType(out[7], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackSuspendIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75dd0e26.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function suspendIssuer(address issuer, uint64 fromBlock) returns()
func (credentialRegistry *CredentialRegistry) PackSuspendIssuer(issuer common.Address, fromBlock uint64) []byte {
	enc, err := credentialRegistry.abi.Pack("suspendIssuer", issuer, fromBlock)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSuspendIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x75dd0e26.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function suspendIssuer(address issuer, uint64 fromBlock) returns()
func (credentialRegistry *CredentialRegistry) TryPackSuspendIssuer(issuer common.Address, fromBlock uint64) ([]byte, error) {
	return credentialRegistry.abi.Pack("suspendIssuer", issuer, fromBlock)
}

// PackTarget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0d290d2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function target(uint32 bits) pure returns(uint256)
func (credentialRegistry *CredentialRegistry) PackTarget(bits uint32) []byte {
	enc, err := credentialRegistry.abi.Pack("target", bits)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTarget is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0d290d2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function target(uint32 bits) pure returns(uint256)
func (credentialRegistry *CredentialRegistry) TryPackTarget(bits uint32) ([]byte, error) {
	return credentialRegistry.abi.Pack("target", bits)
}

// UnpackTarget is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf0d290d2.
//
// Solidity: function target(uint32 bits) pure returns(uint256)
func (credentialRegistry *CredentialRegistry) UnpackTarget(data []byte) (*big.Int, error) {
	out, err := credentialRegistry.abi.Unpack("target", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (credentialRegistry *CredentialRegistry) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := credentialRegistry.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (credentialRegistry *CredentialRegistry) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return credentialRegistry.abi.Pack("transferOwnership", newOwner)
}

// PackVerifyInclusion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc080fb06.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function verifyInclusion(bytes32 leaf, uint256 index, uint256 size, bytes32[] path, bytes32 root) pure returns(bool)
func (credentialRegistry *CredentialRegistry) PackVerifyInclusion(leaf [32]byte, index *big.Int, size *big.Int, path [][32]byte, root [32]byte) []byte {
	enc, err := credentialRegistry.abi.Pack("verifyInclusion", leaf, index, size, path, root)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackVerifyInclusion is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xc080fb06.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function verifyInclusion(bytes32 leaf, uint256 index, uint256 size, bytes32[] path, bytes32 root) pure returns(bool)
func (credentialRegistry *CredentialRegistry) TryPackVerifyInclusion(leaf [32]byte, index *big.Int, size *big.Int, path [][32]byte, root [32]byte) ([]byte, error) {
	return credentialRegistry.abi.Pack("verifyInclusion", leaf, index, size, path, root)
}

// UnpackVerifyInclusion is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xc080fb06.
//
// Solidity: function verifyInclusion(bytes32 leaf, uint256 index, uint256 size, bytes32[] path, bytes32 root) pure returns(bool)
func (credentialRegistry *CredentialRegistry) UnpackVerifyInclusion(data []byte) (bool, error) {
	out, err := credentialRegistry.abi.Unpack("verifyInclusion", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// CredentialRegistryAnchored represents a Anchored event raised by the CredentialRegistry contract.
type CredentialRegistryAnchored struct {
	Issuer common.Address
	Seal   [32]byte
	Root   [32]byte
	Raw    *types.Log // Blockchain specific contextual infos
}

const CredentialRegistryAnchoredEventName = "Anchored"

// ContractEventName returns the user-defined event name.
func (CredentialRegistryAnchored) ContractEventName() string {
	return CredentialRegistryAnchoredEventName
}

// UnpackAnchoredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Anchored(address indexed issuer, bytes32 indexed seal, bytes32 root)
func (credentialRegistry *CredentialRegistry) UnpackAnchoredEvent(log *types.Log) (*CredentialRegistryAnchored, error) {
	event := "Anchored"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != credentialRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CredentialRegistryAnchored)
	if len(log.Data) > 0 {
		if err := credentialRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range credentialRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CredentialRegistryBatchRevoked represents a BatchRevoked event raised by the CredentialRegistry contract.
type CredentialRegistryBatchRevoked struct {
	Issuer common.Address
	Seal   [32]byte
	Reason uint8
	Raw    *types.Log // Blockchain specific contextual infos
}

const CredentialRegistryBatchRevokedEventName = "BatchRevoked"

// ContractEventName returns the user-defined event name.
func (CredentialRegistryBatchRevoked) ContractEventName() string {
	return CredentialRegistryBatchRevokedEventName
}

// UnpackBatchRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event BatchRevoked(address indexed issuer, bytes32 indexed seal, uint8 reason)
func (credentialRegistry *CredentialRegistry) UnpackBatchRevokedEvent(log *types.Log) (*CredentialRegistryBatchRevoked, error) {
	event := "BatchRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != credentialRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CredentialRegistryBatchRevoked)
	if len(log.Data) > 0 {
		if err := credentialRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range credentialRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CredentialRegistryCredentialRevoked represents a CredentialRevoked event raised by the CredentialRegistry contract.
type CredentialRegistryCredentialRevoked struct {
	Issuer common.Address
	Digest [32]byte
	Reason uint8
	Raw    *types.Log // Blockchain specific contextual infos
}

const CredentialRegistryCredentialRevokedEventName = "CredentialRevoked"

// ContractEventName returns the user-defined event name.
func (CredentialRegistryCredentialRevoked) ContractEventName() string {
	return CredentialRegistryCredentialRevokedEventName
}

// UnpackCredentialRevokedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event CredentialRevoked(address indexed issuer, bytes32 indexed digest, uint8 reason)
func (credentialRegistry *CredentialRegistry) UnpackCredentialRevokedEvent(log *types.Log) (*CredentialRegistryCredentialRevoked, error) {
	event := "CredentialRevoked"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != credentialRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CredentialRegistryCredentialRevoked)
	if len(log.Data) > 0 {
		if err := credentialRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range credentialRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CredentialRegistryIssuerKeyRotated represents a IssuerKeyRotated event raised by the CredentialRegistry contract.
type CredentialRegistryIssuerKeyRotated struct {
	OldKey common.Address
	NewKey common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const CredentialRegistryIssuerKeyRotatedEventName = "IssuerKeyRotated"

// ContractEventName returns the user-defined event name.
func (CredentialRegistryIssuerKeyRotated) ContractEventName() string {
	return CredentialRegistryIssuerKeyRotatedEventName
}

// UnpackIssuerKeyRotatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IssuerKeyRotated(address indexed oldKey, address indexed newKey)
func (credentialRegistry *CredentialRegistry) UnpackIssuerKeyRotatedEvent(log *types.Log) (*CredentialRegistryIssuerKeyRotated, error) {
	event := "IssuerKeyRotated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != credentialRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CredentialRegistryIssuerKeyRotated)
	if len(log.Data) > 0 {
		if err := credentialRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range credentialRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CredentialRegistryIssuerRegistered represents a IssuerRegistered event raised by the CredentialRegistry contract.
type CredentialRegistryIssuerRegistered struct {
	Issuer common.Address
	Name   string
	Domain string
	Raw    *types.Log // Blockchain specific contextual infos
}

const CredentialRegistryIssuerRegisteredEventName = "IssuerRegistered"

// ContractEventName returns the user-defined event name.
func (CredentialRegistryIssuerRegistered) ContractEventName() string {
	return CredentialRegistryIssuerRegisteredEventName
}

// UnpackIssuerRegisteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IssuerRegistered(address indexed issuer, string name, string domain)
func (credentialRegistry *CredentialRegistry) UnpackIssuerRegisteredEvent(log *types.Log) (*CredentialRegistryIssuerRegistered, error) {
	event := "IssuerRegistered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != credentialRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CredentialRegistryIssuerRegistered)
	if len(log.Data) > 0 {
		if err := credentialRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range credentialRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CredentialRegistryIssuerReinstated represents a IssuerReinstated event raised by the CredentialRegistry contract.
type CredentialRegistryIssuerReinstated struct {
	Issuer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const CredentialRegistryIssuerReinstatedEventName = "IssuerReinstated"

// ContractEventName returns the user-defined event name.
func (CredentialRegistryIssuerReinstated) ContractEventName() string {
	return CredentialRegistryIssuerReinstatedEventName
}

// UnpackIssuerReinstatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IssuerReinstated(address indexed issuer)
func (credentialRegistry *CredentialRegistry) UnpackIssuerReinstatedEvent(log *types.Log) (*CredentialRegistryIssuerReinstated, error) {
	event := "IssuerReinstated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != credentialRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CredentialRegistryIssuerReinstated)
	if len(log.Data) > 0 {
		if err := credentialRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range credentialRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CredentialRegistryIssuerSuspended represents a IssuerSuspended event raised by the CredentialRegistry contract.
type CredentialRegistryIssuerSuspended struct {
	Issuer    common.Address
	FromBlock uint64
	Raw       *types.Log // Blockchain specific contextual infos
}

const CredentialRegistryIssuerSuspendedEventName = "IssuerSuspended"

// ContractEventName returns the user-defined event name.
func (CredentialRegistryIssuerSuspended) ContractEventName() string {
	return CredentialRegistryIssuerSuspendedEventName
}

// UnpackIssuerSuspendedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IssuerSuspended(address indexed issuer, uint64 fromBlock)
func (credentialRegistry *CredentialRegistry) UnpackIssuerSuspendedEvent(log *types.Log) (*CredentialRegistryIssuerSuspended, error) {
	event := "IssuerSuspended"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != credentialRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CredentialRegistryIssuerSuspended)
	if len(log.Data) > 0 {
		if err := credentialRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range credentialRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CredentialRegistryMinDifficultyChanged represents a MinDifficultyChanged event raised by the CredentialRegistry contract.
type CredentialRegistryMinDifficultyChanged struct {
	Issuer     common.Address
	Difficulty uint8
	Raw        *types.Log // Blockchain specific contextual infos
}

const CredentialRegistryMinDifficultyChangedEventName = "MinDifficultyChanged"

// ContractEventName returns the user-defined event name.
func (CredentialRegistryMinDifficultyChanged) ContractEventName() string {
	return CredentialRegistryMinDifficultyChangedEventName
}

// UnpackMinDifficultyChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event MinDifficultyChanged(address indexed issuer, uint8 difficulty)
func (credentialRegistry *CredentialRegistry) UnpackMinDifficultyChangedEvent(log *types.Log) (*CredentialRegistryMinDifficultyChanged, error) {
	event := "MinDifficultyChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != credentialRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CredentialRegistryMinDifficultyChanged)
	if len(log.Data) > 0 {
		if err := credentialRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range credentialRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CredentialRegistryOwnershipTransferStarted represents a OwnershipTransferStarted event raised by the CredentialRegistry contract.
type CredentialRegistryOwnershipTransferStarted struct {
	Owner        common.Address
	PendingOwner common.Address
	Raw          *types.Log // Blockchain specific contextual infos
}

const CredentialRegistryOwnershipTransferStartedEventName = "OwnershipTransferStarted"

// ContractEventName returns the user-defined event name.
func (CredentialRegistryOwnershipTransferStarted) ContractEventName() string {
	return CredentialRegistryOwnershipTransferStartedEventName
}

// UnpackOwnershipTransferStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferStarted(address indexed owner, address indexed pendingOwner)
func (credentialRegistry *CredentialRegistry) UnpackOwnershipTransferStartedEvent(log *types.Log) (*CredentialRegistryOwnershipTransferStarted, error) {
	event := "OwnershipTransferStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != credentialRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CredentialRegistryOwnershipTransferStarted)
	if len(log.Data) > 0 {
		if err := credentialRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range credentialRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// CredentialRegistryOwnershipTransferred represents a OwnershipTransferred event raised by the CredentialRegistry contract.
type CredentialRegistryOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const CredentialRegistryOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (CredentialRegistryOwnershipTransferred) ContractEventName() string {
	return CredentialRegistryOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (credentialRegistry *CredentialRegistry) UnpackOwnershipTransferredEvent(log *types.Log) (*CredentialRegistryOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != credentialRegistry.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(CredentialRegistryOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := credentialRegistry.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range credentialRegistry.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (credentialRegistry *CredentialRegistry) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["AlreadyAnchored"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackAlreadyAnchoredError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["AlreadyRevoked"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackAlreadyRevokedError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["BadHeaderLength"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackBadHeaderLengthError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["BitsTooEasy"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackBitsTooEasyError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["BrokenChain"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackBrokenChainError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["CutoffNotEarlier"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackCutoffNotEarlierError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["EmptyName"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackEmptyNameError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["InvalidBits"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackInvalidBitsError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["InvalidDifficulty"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackInvalidDifficultyError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["InvalidReason"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackInvalidReasonError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["IssuerAlreadyActive"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackIssuerAlreadyActiveError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["IssuerExists"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackIssuerExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["IssuerNotActive"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackIssuerNotActiveError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["KeyRotated"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackKeyRotatedError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["NotBatchIssuer"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackNotBatchIssuerError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["NotOwner"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackNotOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["NotPendingOwner"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackNotPendingOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["NotSealed"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackNotSealedError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["SuspensionInFuture"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackSuspensionInFutureError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["UnknownBatch"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackUnknownBatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["UnknownIssuer"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackUnknownIssuerError(raw[4:])
	}
	if bytes.Equal(raw[:4], credentialRegistry.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return credentialRegistry.UnpackZeroAddressError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// CredentialRegistryAlreadyAnchored represents a AlreadyAnchored error raised by the CredentialRegistry contract.
type CredentialRegistryAlreadyAnchored struct {
	Seal [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyAnchored(bytes32 seal)
func CredentialRegistryAlreadyAnchoredErrorID() common.Hash {
	return common.HexToHash("0x30d2381368798d67ad1acfafaa315e31ddbb7c39d7395ac18df026a020b6d4a3")
}

// UnpackAlreadyAnchoredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyAnchored(bytes32 seal)
func (credentialRegistry *CredentialRegistry) UnpackAlreadyAnchoredError(raw []byte) (*CredentialRegistryAlreadyAnchored, error) {
	out := new(CredentialRegistryAlreadyAnchored)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "AlreadyAnchored", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryAlreadyRevoked represents a AlreadyRevoked error raised by the CredentialRegistry contract.
type CredentialRegistryAlreadyRevoked struct {
	Id [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyRevoked(bytes32 id)
func CredentialRegistryAlreadyRevokedErrorID() common.Hash {
	return common.HexToHash("0x90315de188eb047fc54ca36d1436afb1afc987c1864c711074a89029958f122f")
}

// UnpackAlreadyRevokedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyRevoked(bytes32 id)
func (credentialRegistry *CredentialRegistry) UnpackAlreadyRevokedError(raw []byte) (*CredentialRegistryAlreadyRevoked, error) {
	out := new(CredentialRegistryAlreadyRevoked)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "AlreadyRevoked", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryBadHeaderLength represents a BadHeaderLength error raised by the CredentialRegistry contract.
type CredentialRegistryBadHeaderLength struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BadHeaderLength(uint256 length)
func CredentialRegistryBadHeaderLengthErrorID() common.Hash {
	return common.HexToHash("0x7649010297c7b2a5e5ef3bfaa519bddf34eb48d19c902c78a7433a187bf61bcd")
}

// UnpackBadHeaderLengthError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BadHeaderLength(uint256 length)
func (credentialRegistry *CredentialRegistry) UnpackBadHeaderLengthError(raw []byte) (*CredentialRegistryBadHeaderLength, error) {
	out := new(CredentialRegistryBadHeaderLength)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "BadHeaderLength", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryBitsTooEasy represents a BitsTooEasy error raised by the CredentialRegistry contract.
type CredentialRegistryBitsTooEasy struct {
	Bits          uint32
	MinDifficulty uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BitsTooEasy(uint32 bits, uint8 minDifficulty)
func CredentialRegistryBitsTooEasyErrorID() common.Hash {
	return common.HexToHash("0x03060627acd0b017346dc2d6344ffd18b7731b72c4ae975c3d222f4e00dc8950")
}

// UnpackBitsTooEasyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BitsTooEasy(uint32 bits, uint8 minDifficulty)
func (credentialRegistry *CredentialRegistry) UnpackBitsTooEasyError(raw []byte) (*CredentialRegistryBitsTooEasy, error) {
	out := new(CredentialRegistryBitsTooEasy)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "BitsTooEasy", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryBrokenChain represents a BrokenChain error raised by the CredentialRegistry contract.
type CredentialRegistryBrokenChain struct {
	Prev     [32]byte
	LastSeal [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BrokenChain(bytes32 prev, bytes32 lastSeal)
func CredentialRegistryBrokenChainErrorID() common.Hash {
	return common.HexToHash("0xc136370f7e8f04443f2ad38fbc16946555b965e7f0f002deb22965667bda0a71")
}

// UnpackBrokenChainError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BrokenChain(bytes32 prev, bytes32 lastSeal)
func (credentialRegistry *CredentialRegistry) UnpackBrokenChainError(raw []byte) (*CredentialRegistryBrokenChain, error) {
	out := new(CredentialRegistryBrokenChain)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "BrokenChain", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryCutoffNotEarlier represents a CutoffNotEarlier error raised by the CredentialRegistry contract.
type CredentialRegistryCutoffNotEarlier struct {
	Cutoff    uint64
	FromBlock uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error CutoffNotEarlier(uint64 cutoff, uint64 fromBlock)
func CredentialRegistryCutoffNotEarlierErrorID() common.Hash {
	return common.HexToHash("0x9ad53ea5dc85e5fafcb8105706f43a3da2de557bed5e6217a7445ec1be3bea8f")
}

// UnpackCutoffNotEarlierError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error CutoffNotEarlier(uint64 cutoff, uint64 fromBlock)
func (credentialRegistry *CredentialRegistry) UnpackCutoffNotEarlierError(raw []byte) (*CredentialRegistryCutoffNotEarlier, error) {
	out := new(CredentialRegistryCutoffNotEarlier)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "CutoffNotEarlier", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryEmptyName represents a EmptyName error raised by the CredentialRegistry contract.
type CredentialRegistryEmptyName struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptyName()
func CredentialRegistryEmptyNameErrorID() common.Hash {
	return common.HexToHash("0x2ef131051921ac1500c097e497a691f596827ccfeb2703bc406b6c5e1fd0bb26")
}

// UnpackEmptyNameError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptyName()
func (credentialRegistry *CredentialRegistry) UnpackEmptyNameError(raw []byte) (*CredentialRegistryEmptyName, error) {
	out := new(CredentialRegistryEmptyName)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "EmptyName", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryInvalidBits represents a InvalidBits error raised by the CredentialRegistry contract.
type CredentialRegistryInvalidBits struct {
	Bits uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidBits(uint32 bits)
func CredentialRegistryInvalidBitsErrorID() common.Hash {
	return common.HexToHash("0x470b9aeb4ade58f3b7c1aab59c9ca553a668a965e392d1eb8d33f17102d893a2")
}

// UnpackInvalidBitsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidBits(uint32 bits)
func (credentialRegistry *CredentialRegistry) UnpackInvalidBitsError(raw []byte) (*CredentialRegistryInvalidBits, error) {
	out := new(CredentialRegistryInvalidBits)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "InvalidBits", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryInvalidDifficulty represents a InvalidDifficulty error raised by the CredentialRegistry contract.
type CredentialRegistryInvalidDifficulty struct {
	Difficulty uint8
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidDifficulty(uint8 difficulty)
func CredentialRegistryInvalidDifficultyErrorID() common.Hash {
	return common.HexToHash("0x976b0122cf1b34a280251de541b9ef62f768f96ff1392901f76cc01cfe4af3fa")
}

// UnpackInvalidDifficultyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidDifficulty(uint8 difficulty)
func (credentialRegistry *CredentialRegistry) UnpackInvalidDifficultyError(raw []byte) (*CredentialRegistryInvalidDifficulty, error) {
	out := new(CredentialRegistryInvalidDifficulty)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "InvalidDifficulty", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryInvalidReason represents a InvalidReason error raised by the CredentialRegistry contract.
type CredentialRegistryInvalidReason struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidReason()
func CredentialRegistryInvalidReasonErrorID() common.Hash {
	return common.HexToHash("0xdee26e4cfeb12c7edc10c09d017dac9298687905f39eb87ccd245e7042e8f198")
}

// UnpackInvalidReasonError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidReason()
func (credentialRegistry *CredentialRegistry) UnpackInvalidReasonError(raw []byte) (*CredentialRegistryInvalidReason, error) {
	out := new(CredentialRegistryInvalidReason)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "InvalidReason", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryIssuerAlreadyActive represents a IssuerAlreadyActive error raised by the CredentialRegistry contract.
type CredentialRegistryIssuerAlreadyActive struct {
	Issuer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error IssuerAlreadyActive(address issuer)
func CredentialRegistryIssuerAlreadyActiveErrorID() common.Hash {
	return common.HexToHash("0x3bb454f61847e13b8b449872a55c342193facd70285e787a804de33d224c45ac")
}

// UnpackIssuerAlreadyActiveError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error IssuerAlreadyActive(address issuer)
func (credentialRegistry *CredentialRegistry) UnpackIssuerAlreadyActiveError(raw []byte) (*CredentialRegistryIssuerAlreadyActive, error) {
	out := new(CredentialRegistryIssuerAlreadyActive)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "IssuerAlreadyActive", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryIssuerExists represents a IssuerExists error raised by the CredentialRegistry contract.
type CredentialRegistryIssuerExists struct {
	Issuer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error IssuerExists(address issuer)
func CredentialRegistryIssuerExistsErrorID() common.Hash {
	return common.HexToHash("0xf19b84bb4c88a6e685bf77eab1c8bd9dfa4b64b7cd809f45942ff412f7a1aa0a")
}

// UnpackIssuerExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error IssuerExists(address issuer)
func (credentialRegistry *CredentialRegistry) UnpackIssuerExistsError(raw []byte) (*CredentialRegistryIssuerExists, error) {
	out := new(CredentialRegistryIssuerExists)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "IssuerExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryIssuerNotActive represents a IssuerNotActive error raised by the CredentialRegistry contract.
type CredentialRegistryIssuerNotActive struct {
	Issuer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error IssuerNotActive(address issuer)
func CredentialRegistryIssuerNotActiveErrorID() common.Hash {
	return common.HexToHash("0x6ace818e9608e765f9514319f69091e509a254b98173f88bb528bb50006d470f")
}

// UnpackIssuerNotActiveError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error IssuerNotActive(address issuer)
func (credentialRegistry *CredentialRegistry) UnpackIssuerNotActiveError(raw []byte) (*CredentialRegistryIssuerNotActive, error) {
	out := new(CredentialRegistryIssuerNotActive)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "IssuerNotActive", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryKeyRotated represents a KeyRotated error raised by the CredentialRegistry contract.
type CredentialRegistryKeyRotated struct {
	Key       common.Address
	Successor common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error KeyRotated(address key, address successor)
func CredentialRegistryKeyRotatedErrorID() common.Hash {
	return common.HexToHash("0xd5e158d1b6e0cb190cdc0b4945ef4c640f61769cb87121e791ee22a4caec047b")
}

// UnpackKeyRotatedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error KeyRotated(address key, address successor)
func (credentialRegistry *CredentialRegistry) UnpackKeyRotatedError(raw []byte) (*CredentialRegistryKeyRotated, error) {
	out := new(CredentialRegistryKeyRotated)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "KeyRotated", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryNotBatchIssuer represents a NotBatchIssuer error raised by the CredentialRegistry contract.
type CredentialRegistryNotBatchIssuer struct {
	Seal   [32]byte
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotBatchIssuer(bytes32 seal, address caller)
func CredentialRegistryNotBatchIssuerErrorID() common.Hash {
	return common.HexToHash("0x80a01b1ef881176982b4dcad6c16b4ecb9a3e18e2a13d6b9daa6f36eb50d25b3")
}

// UnpackNotBatchIssuerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotBatchIssuer(bytes32 seal, address caller)
func (credentialRegistry *CredentialRegistry) UnpackNotBatchIssuerError(raw []byte) (*CredentialRegistryNotBatchIssuer, error) {
	out := new(CredentialRegistryNotBatchIssuer)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "NotBatchIssuer", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryNotOwner represents a NotOwner error raised by the CredentialRegistry contract.
type CredentialRegistryNotOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwner(address caller)
func CredentialRegistryNotOwnerErrorID() common.Hash {
	return common.HexToHash("0x245aecd3fabbd17d6c3c92dc7f0ab916ea8cbf6fc1862c8b56893090ac3fff4c")
}

// UnpackNotOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwner(address caller)
func (credentialRegistry *CredentialRegistry) UnpackNotOwnerError(raw []byte) (*CredentialRegistryNotOwner, error) {
	out := new(CredentialRegistryNotOwner)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "NotOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryNotPendingOwner represents a NotPendingOwner error raised by the CredentialRegistry contract.
type CredentialRegistryNotPendingOwner struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotPendingOwner(address caller)
func CredentialRegistryNotPendingOwnerErrorID() common.Hash {
	return common.HexToHash("0xa09b9a43f5079ab76282436418880308d29eac5d371578b36d8ee3ff8e88597d")
}

// UnpackNotPendingOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotPendingOwner(address caller)
func (credentialRegistry *CredentialRegistry) UnpackNotPendingOwnerError(raw []byte) (*CredentialRegistryNotPendingOwner, error) {
	out := new(CredentialRegistryNotPendingOwner)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "NotPendingOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryNotSealed represents a NotSealed error raised by the CredentialRegistry contract.
type CredentialRegistryNotSealed struct {
	Seal [32]byte
	Bits uint32
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotSealed(bytes32 seal, uint32 bits)
func CredentialRegistryNotSealedErrorID() common.Hash {
	return common.HexToHash("0x174f7b3c19da60574cc9cbb831ce3d504d9db655f3c50aa00c4933de57c7e3e4")
}

// UnpackNotSealedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotSealed(bytes32 seal, uint32 bits)
func (credentialRegistry *CredentialRegistry) UnpackNotSealedError(raw []byte) (*CredentialRegistryNotSealed, error) {
	out := new(CredentialRegistryNotSealed)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "NotSealed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistrySuspensionInFuture represents a SuspensionInFuture error raised by the CredentialRegistry contract.
type CredentialRegistrySuspensionInFuture struct {
	FromBlock    uint64
	CurrentBlock uint64
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SuspensionInFuture(uint64 fromBlock, uint64 currentBlock)
func CredentialRegistrySuspensionInFutureErrorID() common.Hash {
	return common.HexToHash("0xc93aba76ac9990074c7c063bb5a9df514570c4c4e704d118a651d395f4ff1b83")
}

// UnpackSuspensionInFutureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SuspensionInFuture(uint64 fromBlock, uint64 currentBlock)
func (credentialRegistry *CredentialRegistry) UnpackSuspensionInFutureError(raw []byte) (*CredentialRegistrySuspensionInFuture, error) {
	out := new(CredentialRegistrySuspensionInFuture)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "SuspensionInFuture", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryUnknownBatch represents a UnknownBatch error raised by the CredentialRegistry contract.
type CredentialRegistryUnknownBatch struct {
	Seal [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownBatch(bytes32 seal)
func CredentialRegistryUnknownBatchErrorID() common.Hash {
	return common.HexToHash("0x877402b0f02e72a5570fa6dee6c9f72e5c506af7dabe7cf05e71286795af739f")
}

// UnpackUnknownBatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownBatch(bytes32 seal)
func (credentialRegistry *CredentialRegistry) UnpackUnknownBatchError(raw []byte) (*CredentialRegistryUnknownBatch, error) {
	out := new(CredentialRegistryUnknownBatch)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "UnknownBatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryUnknownIssuer represents a UnknownIssuer error raised by the CredentialRegistry contract.
type CredentialRegistryUnknownIssuer struct {
	Issuer common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnknownIssuer(address issuer)
func CredentialRegistryUnknownIssuerErrorID() common.Hash {
	return common.HexToHash("0x8b89a284ddfcd6bbfa6a8df128c64d09207def9c86d178ead56b104b2e8fb274")
}

// UnpackUnknownIssuerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnknownIssuer(address issuer)
func (credentialRegistry *CredentialRegistry) UnpackUnknownIssuerError(raw []byte) (*CredentialRegistryUnknownIssuer, error) {
	out := new(CredentialRegistryUnknownIssuer)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "UnknownIssuer", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// CredentialRegistryZeroAddress represents a ZeroAddress error raised by the CredentialRegistry contract.
type CredentialRegistryZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func CredentialRegistryZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (credentialRegistry *CredentialRegistry) UnpackZeroAddressError(raw []byte) (*CredentialRegistryZeroAddress, error) {
	out := new(CredentialRegistryZeroAddress)
	if err := credentialRegistry.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}
