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
	ABI: "[{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"initialMinDifficulty\",\"type\":\"uint8\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"}],\"name\":\"AlreadyAnchored\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"id\",\"type\":\"bytes32\"}],\"name\":\"AlreadyRevoked\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"BadHeaderLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"bits\",\"type\":\"uint32\"},{\"internalType\":\"uint8\",\"name\":\"minDifficulty\",\"type\":\"uint8\"}],\"name\":\"BitsTooEasy\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"prev\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"lastSeal\",\"type\":\"bytes32\"}],\"name\":\"BrokenChain\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EmptyName\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"bits\",\"type\":\"uint32\"}],\"name\":\"InvalidBits\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"difficulty\",\"type\":\"uint8\"}],\"name\":\"InvalidDifficulty\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidReason\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"IssuerAlreadyActive\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"IssuerExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"IssuerNotActive\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotBatchIssuer\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotPendingOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"internalType\":\"uint32\",\"name\":\"bits\",\"type\":\"uint32\"}],\"name\":\"NotSealed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"}],\"name\":\"UnknownBatch\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"UnknownIssuer\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"name\":\"Anchored\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"}],\"name\":\"BatchRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"}],\"name\":\"CredentialRevoked\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"indexed\":false,\"internalType\":\"string\",\"name\":\"domain\",\"type\":\"string\"}],\"name\":\"IssuerRegistered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"IssuerReinstated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"IssuerSuspended\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint8\",\"name\":\"difficulty\",\"type\":\"uint8\"}],\"name\":\"MinDifficultyChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"pendingOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"acceptOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"header\",\"type\":\"bytes\"}],\"name\":\"anchor\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes\",\"name\":\"headers\",\"type\":\"bytes\"}],\"name\":\"anchorMany\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"}],\"name\":\"batch\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"batchIssuer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"time\",\"type\":\"uint64\"},{\"internalType\":\"uint8\",\"name\":\"revokedReason\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"isRevoked\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"revoked\",\"type\":\"bool\"},{\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"issuerRecord\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"registered\",\"type\":\"bool\"},{\"internalType\":\"bool\",\"name\":\"active\",\"type\":\"bool\"},{\"internalType\":\"uint8\",\"name\":\"issuerMinDifficulty\",\"type\":\"uint8\"},{\"internalType\":\"uint64\",\"name\":\"registeredAt\",\"type\":\"uint64\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"domain\",\"type\":\"string\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"lastSeal\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"minDifficulty\",\"outputs\":[{\"internalType\":\"uint8\",\"name\":\"\",\"type\":\"uint8\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingOwner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"domain\",\"type\":\"string\"}],\"name\":\"registerIssuer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"reinstateIssuer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"}],\"name\":\"revoke\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"internalType\":\"uint8\",\"name\":\"reason\",\"type\":\"uint8\"}],\"name\":\"revokeBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"},{\"internalType\":\"uint8\",\"name\":\"difficulty\",\"type\":\"uint8\"}],\"name\":\"setIssuerMinDifficulty\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint8\",\"name\":\"difficulty\",\"type\":\"uint8\"}],\"name\":\"setMinDifficulty\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"seal\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"digest\",\"type\":\"bytes32\"}],\"name\":\"status\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"batchIssuer\",\"type\":\"address\"},{\"internalType\":\"uint64\",\"name\":\"blockNumber\",\"type\":\"uint64\"},{\"internalType\":\"uint64\",\"name\":\"time\",\"type\":\"uint64\"},{\"internalType\":\"uint8\",\"name\":\"batchRevokedReason\",\"type\":\"uint8\"},{\"internalType\":\"uint8\",\"name\":\"credentialRevokedReason\",\"type\":\"uint8\"},{\"internalType\":\"bool\",\"name\":\"issuerActive\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"issuer\",\"type\":\"address\"}],\"name\":\"suspendIssuer\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint32\",\"name\":\"bits\",\"type\":\"uint32\"}],\"name\":\"target\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"pure\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"leaf\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"index\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"size\",\"type\":\"uint256\"},{\"internalType\":\"bytes32[]\",\"name\":\"path\",\"type\":\"bytes32[]\"},{\"internalType\":\"bytes32\",\"name\":\"root\",\"type\":\"bytes32\"}],\"name\":\"verifyInclusion\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"pure\",\"type\":\"function\"}]",
	ID:  "CredentialRegistry",
	Bin: "0x60803461010657601f611ccc38819003918201601f19168301916001600160401b0383118484101761010a57808492602094604052833981010312610106575160ff811690818103610106576008821080156100fc575b6100e9575f80546001600160a81b0319163360ff60a01b1981169190911760a09390931b60ff60a01b1692909217815560405190927f915f08ff801a433356c412696b2da87480e3b997312ff3d535963bac15876bbe926020929190857f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e08180a38152a2604051611bad908161011f8239f35b50634bb5809160e11b5f5260045260245ffd5b50607f8211610056565b5f80fd5b634e487b7160e01b5f52604160045260245ffdfe60806040526004361015610011575f80fd5b5f3560e01c8063298405c814611154578063304dee88146110a257806343b7af881461103657806363e4102114610c3f5780636db0253a14610bd857806379ba509714610b105780637d3b0ca214610a8c578063881b6f02146109b25780638da5cb5b14610980578063917758fe14610893578063a279add614610721578063add98e1e14610667578063b4a9328314610645578063c080fb06146105ce578063d6582828146104f5578063e30c3978146104c2578063e66a526c146103ff578063e6e980ac146102ce578063f0d290d21461029a578063f2fde38b146101a25763fddaa06514610100575f80fd5b3461019e57602060031936011261019e576004355f526003602052608067ffffffffffffffff60ff8161016960405f20549073ffffffffffffffffffffffffffffffffffffffff82169165ffffffffffff8160a01c169164ffffffffff8260d01c169160f81c90565b939295909173ffffffffffffffffffffffffffffffffffffffff60405197168752166020860152166040840152166060820152f35b5f80fd5b3461019e57602060031936011261019e576101bb61121d565b73ffffffffffffffffffffffffffffffffffffffff5f5416330361026e5773ffffffffffffffffffffffffffffffffffffffff16801561024657807fffffffffffffffffffffffff00000000000000000000000000000000000000006001541617600155337f38d16b8cac22d99fc7c124b9cd0de2d3fa1faef420bfe791d8c362d765e227005f80a3005b7fd92e233d000000000000000000000000000000000000000000000000000000005f5260045ffd5b7f245aecd3000000000000000000000000000000000000000000000000000000005f523360045260245ffd5b3461019e57602060031936011261019e5760043563ffffffff8116810361019e576102c6602091611a26565b604051908152f35b3461019e57602060031936011261019e5760043567ffffffffffffffff811161019e576102ff903690600401611265565b90811580156103f3575b6103c757335f52600260205260405f2091610324835461163e565b90607f8216907fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff008316935f925b8284106103625760ff851686178755005b909192946050860180871161039a57841061019e578161038691605088860161167c565b946050810180911161039a57929190610351565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52601160045260245ffd5b507f76490102000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b50605082061515610309565b3461019e57604060031936011261019e5761041861121d565b61042061120d565b9073ffffffffffffffffffffffffffffffffffffffff5f5416330361026e57602073ffffffffffffffffffffffffffffffffffffffff7f915f08ff801a433356c412696b2da87480e3b997312ff3d535963bac15876bbe92610481856115f4565b61048a816119cd565b60ff7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff80825416961680961790556040519485521692a2005b3461019e575f60031936011261019e57602073ffffffffffffffffffffffffffffffffffffffff60015416604051908152f35b3461019e57604060031936011261019e576004355f52600360205260c060ff73ffffffffffffffffffffffffffffffffffffffff61056960405f20549073ffffffffffffffffffffffffffffffffffffffff82169165ffffffffffff8160a01c169164ffffffffff8260d01c169160f81c90565b94919390921693845f52600460205260405f206024355f5260205267ffffffffffffffff60405f205460f81c93865f52600260205281608060405f205416151596604051988952166020880152166040860152166060840152608083015260a0820152f35b3461019e5760a060031936011261019e5760643567ffffffffffffffff811161019e573660238201121561019e57806004013567ffffffffffffffff811161019e573660248260051b8401011161019e5760209161063b9160246084359201604435602435600435611422565b6040519015158152f35b3461019e575f60031936011261019e57602060ff5f5460a01c16604051908152f35b3461019e57602060031936011261019e5761068061121d565b73ffffffffffffffffffffffffffffffffffffffff5f5416330361026e57806106bd73ffffffffffffffffffffffffffffffffffffffff926119cd565b8054608081166106f3576080179055167f8241f2da5c40089bf9bade2bb885dbceb900c53ee229a2557dd66f74f1bc3f8e5f80a2005b50507f3bb454f6000000000000000000000000000000000000000000000000000000005f521660045260245ffd5b3461019e57604060031936011261019e5760043561073d61120d565b60ff811690811561086b57825f52600360205260405f205490811561083f573373ffffffffffffffffffffffffffffffffffffffff83160361080f578160f81c6107e3577fff0000000000000000000000000000000000000000000000000000000000000090845f52600360205260f81b161760405f20556040519081527fd7d591fd07d97a2bdf24cc79ad3c17db5e6b7487327753b4a0630acd5a2783f260203392a3005b837f90315de1000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b837f80a01b1e000000000000000000000000000000000000000000000000000000005f526004523360245260445ffd5b837f877402b0000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7fdee26e4c000000000000000000000000000000000000000000000000000000005f5260045ffd5b3461019e57604060031936011261019e576004356108af61120d565b60ff811690811561086b57335f52600260205260405f20541561095457335f52600460205260405f2090835f528160205260405f20546107e3577fff0000000000000000000000000000000000000000000000000000000000000091845f5260205260f81b1667ffffffffffffffff43161760405f20556040519081527f15915a23bd2346df5d6e549e78985260dc7fb7fe1f80d23d6b7316620ec559a760203392a3005b7f8b89a284000000000000000000000000000000000000000000000000000000005f523360045260245ffd5b3461019e575f60031936011261019e57602073ffffffffffffffffffffffffffffffffffffffff5f5416604051908152f35b3461019e57602060031936011261019e576109cb61121d565b73ffffffffffffffffffffffffffffffffffffffff5f5416330361026e5780610a0873ffffffffffffffffffffffffffffffffffffffff926119cd565b80546080811615610a5e577fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f169055167f0c0223513169ae4317ba95b02f37c5f1c0506475f1b46cdcfd29bf96b0f0c1135f80a2005b50507f6ace818e000000000000000000000000000000000000000000000000000000005f521660045260245ffd5b3461019e57602060031936011261019e5760043567ffffffffffffffff811161019e57610abd903690600401611265565b90335f52600260205260ff610b0960405f2093610ada855461163e565b93607f8516917fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0086169161167c565b9116179055005b3461019e575f60031936011261019e5760015473ffffffffffffffffffffffffffffffffffffffff81163303610bac577fffffffffffffffffffffffff0000000000000000000000000000000000000000905f543373ffffffffffffffffffffffffffffffffffffffff82167f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e05f80a3821633175f5516600155005b7fa09b9a43000000000000000000000000000000000000000000000000000000005f523360045260245ffd5b3461019e57602060031936011261019e5773ffffffffffffffffffffffffffffffffffffffff610c0661121d565b165f52600260205260207fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0060405f205416604051908152f35b3461019e57606060031936011261019e57610c5861121d565b60243567ffffffffffffffff811161019e57610c78903690600401611265565b919060443567ffffffffffffffff811161019e57610c9a903690600401611265565b93905f549373ffffffffffffffffffffffffffffffffffffffff8516330361026e5773ffffffffffffffffffffffffffffffffffffffff1693841561024657821561100e57845f52600260205260405f20908154610fe25760ff9060a01c1660801781556001810167ffffffffffffffff43167fffffffffffffffffffffffffffffffffffffffffffffffff0000000000000000825416179055600281019067ffffffffffffffff8411610eff57610d528254611293565b601f8111610f9d575b505f9184601f8111600114610f37576003935f91610f2c575b508560011b905f1987861b1c19161790555b019467ffffffffffffffff8111610eff57610da18654611293565b601f8111610eba575b505f95601f8211600114610e315790610e219291817f2b062b4e0857383c98aacd16bcd2714030d81ad54eb91dd1885634442438665197985f91610e26575b508260011b905f198460031b1c19161790555b610e136040519586956040875260408701916113c5565b9184830360208601526113c5565b0390a2005b905083013589610de9565b601f198216815f5260205f20905f5b818110610ea25750907f2b062b4e0857383c98aacd16bcd2714030d81ad54eb91dd18856344424386651979884610e219695949310610e89575b5050600182811b019055610dfc565b5f1960f88560031b161c19908501351690558880610e7a565b858a013583556020998a019960019093019201610e40565b865f5260205f20601f830160051c81019160208410610ef5575b601f0160051c01905b818110610eea5750610daa565b5f8155600101610edd565b9091508190610ed4565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52604160045260245ffd5b905086013589610d74565b601f191692815f5260205f2090865f955b808710610f7f576003965010610f68575b5050600185811b019055610d86565b8701355f1987861b60f8161c191690558880610f59565b89830135845560209687019660019094019390920191889150610f48565b825f5260205f20601f860160051c81019160208710610fd8575b601f0160051c01905b818110610fcd5750610d5b565b5f8155600101610fc0565b9091508190610fb7565b857ff19b84bb000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b7f2ef13105000000000000000000000000000000000000000000000000000000005f5260045ffd5b3461019e57604060031936011261019e5773ffffffffffffffffffffffffffffffffffffffff61106461121d565b165f52600460205260405f206024355f52602052606060405f205467ffffffffffffffff6040519180151583528060f81c6020840152166040820152f35b3461019e57602060031936011261019e5773ffffffffffffffffffffffffffffffffffffffff6110d061121d565b165f526002602052607f60405f2061115081549161114267ffffffffffffffff6001830154169161110f600361110860028401611307565b9201611307565b9260405196868897151588526080811615156020890152166040870152606086015260c0608086015260c0850190611240565b9083820360a0850152611240565b0390f35b3461019e57602060031936011261019e5760043560ff81169081810361019e575f549073ffffffffffffffffffffffffffffffffffffffff8216330361026e575f927f915f08ff801a433356c412696b2da87480e3b997312ff3d535963bac15876bbe927fffffffffffffffffffffff00ffffffffffffffffffffffffffffffffffffffff74ff0000000000000000000000000000000000000000846111fb6020966115f4565b60a01b169116178455604051908152a2005b6024359060ff8216820361019e57565b6004359073ffffffffffffffffffffffffffffffffffffffff8216820361019e57565b90601f19601f602080948051918291828752018686015e5f8582860101520116010190565b9181601f8401121561019e5782359167ffffffffffffffff831161019e576020838186019501011161019e57565b90600182811c921680156112da575b60208310146112ad57565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52602260045260245ffd5b91607f16916112a2565b90601f601f19910116810190811067ffffffffffffffff821117610eff57604052565b9060405191825f82549261131a84611293565b80845293600181169081156113855750600114611341575b5061133f925003836112e4565b565b90505f9291925260205f20905f915b81831061136957505090602061133f928201015f611332565b6020919350806001915483858901015201910190918492611350565b6020935061133f9592507fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff0091501682840152151560051b8201015f611332565b601f8260209493601f1993818652868601375f8582860101520116010190565b91908110156113f55760051b0190565b7f4e487b71000000000000000000000000000000000000000000000000000000005f52603260045260245ffd5b9290949394828110156115ea57915f19810190811161039a5792945f92915b81841061145e575050505015918261145857505090565b14919050565b909296939586959295156115de5760018087161480156115d5575b15611551575f6020916114d66114e46114938c89886113e5565b3592604051928391878301958690916041927f01000000000000000000000000000000000000000000000000000000000000008352600183015260218201520190565b03601f1981018352826112e4565b604051918291518091835e8101838152039060025afa15611546575f519295945b60018116158061153d575b156115225760011c9460011c94611505565b6001909794979691929593965b811c93811c94019291611441565b50801515611510565b6040513d5f823e3d90fd5b5f6020916114d66115b061156e8c8988999c9d9a989e9b9e6113e5565b35604051928391878301958690916041927f01000000000000000000000000000000000000000000000000000000000000008352600183015260218201520190565b604051918291518091835e8101838152039060025afa156115465760015f519661152f565b50868614611479565b50505050925050505f90565b5050505050505f90565b60ff16600881108015611634575b6116095750565b7f976b0122000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b50607f8111611602565b80156109545760808116156116505790565b7f6ace818e000000000000000000000000000000000000000000000000000000005f523360045260245ffd5b9190939293605081036119a25750600482013590603083013560ff8160381c1661ff008260281c16179063ff00000062ff00008260181c169160081c161717918181036119745750506116ce81611a26565b938061010003610100811161039a5785901c61193c5750604051605083823760208160508160025afa1561019e57602081818160025afa1561019e5751937fff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff008560081b167eff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff00ff8660081c16177dffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff7fffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff0000ffff00008260101b169160101c16177bffffffff00000000ffffffff00000000ffffffff00000000ffffffff7fffffffff00000000ffffffff00000000ffffffff00000000ffffffff000000008260201b169160201c161777ffffffffffffffff0000000000000000ffffffffffffffff7fffffffffffffffff0000000000000000ffffffffffffffff00000000000000008260401b169160401c16178060801b9060801c171161190657508290815f52600360205260405f20546118da57815f5260036020527effffffffff00000000000000000000000000000000000000000000000000004260d01b1679ffffffffffff00000000000000000000000000000000000000004360a01b1633171760405f2055602460405191013581527fb1d5c7988740a31dc57f1b85a7d7c1c10f2009388bc0ee67ef142b5386ea444760203392a3565b507f30d23813000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b63ffffffff90847f174f7b3c000000000000000000000000000000000000000000000000000000005f526004521660245260445ffd5b63ffffffff60ff927f03060627000000000000000000000000000000000000000000000000000000005f52166004521660245260445ffd5b7fc136370f000000000000000000000000000000000000000000000000000000005f5260045260245260445ffd5b7f76490102000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b73ffffffffffffffffffffffffffffffffffffffff1690815f52600260205260405f20918254156119fb5750565b7f8b89a284000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b63ffffffff81169060ff8160181c1690627fffff81169260038311918215611b37575b8415908115611b28575b50611ad257602283118015611b13575b8015611afd575b611ad2575015611ace577ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd810190811161039a577f1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8116810361039a5760031b1b90565b5090565b7f470b9aeb000000000000000000000000000000000000000000000000000000005f5260045260245ffd5b5061ffff84118015611a6a575060208311611a6a565b5060ff84118015611a63575060218311611a63565b6280000091501615155f611a53565b93836003036003811161039a577f1fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff8116810361039a5760031b1c93611a4956fea2646970667358221220876835ca3db142be5ad60fdb94b04134f5044fba0ab5849773a187f07f15224164736f6c634300081e0033",
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
// Solidity: function issuerRecord(address account) view returns(bool registered, bool active, uint8 issuerMinDifficulty, uint64 registeredAt, string name, string domain)
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
// Solidity: function issuerRecord(address account) view returns(bool registered, bool active, uint8 issuerMinDifficulty, uint64 registeredAt, string name, string domain)
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
	Name                string
	Domain              string
}

// UnpackIssuerRecord is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x304dee88.
//
// Solidity: function issuerRecord(address account) view returns(bool registered, bool active, uint8 issuerMinDifficulty, uint64 registeredAt, string name, string domain)
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
	outstruct.Name = *abi.ConvertType(out[4], new(string)).(*string)
	outstruct.Domain = *abi.ConvertType(out[5], new(string)).(*string)
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
// Solidity: function status(bytes32 seal, bytes32 digest) view returns(address batchIssuer, uint64 blockNumber, uint64 time, uint8 batchRevokedReason, uint8 credentialRevokedReason, bool issuerActive)
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
// Solidity: function status(bytes32 seal, bytes32 digest) view returns(address batchIssuer, uint64 blockNumber, uint64 time, uint8 batchRevokedReason, uint8 credentialRevokedReason, bool issuerActive)
func (credentialRegistry *CredentialRegistry) TryPackStatus(seal [32]byte, digest [32]byte) ([]byte, error) {
	return credentialRegistry.abi.Pack("status", seal, digest)
}

// StatusOutput serves as a container for the return parameters of contract
// method Status.
type StatusOutput struct {
	BatchIssuer             common.Address
	BlockNumber             uint64
	Time                    uint64
	BatchRevokedReason      uint8
	CredentialRevokedReason uint8
	IssuerActive            bool
}

// UnpackStatus is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xd6582828.
//
// Solidity: function status(bytes32 seal, bytes32 digest) view returns(address batchIssuer, uint64 blockNumber, uint64 time, uint8 batchRevokedReason, uint8 credentialRevokedReason, bool issuerActive)
func (credentialRegistry *CredentialRegistry) UnpackStatus(data []byte) (StatusOutput, error) {
	out, err := credentialRegistry.abi.Unpack("status", data)
	outstruct := new(StatusOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.BatchIssuer = *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	outstruct.BlockNumber = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	outstruct.Time = *abi.ConvertType(out[2], new(uint64)).(*uint64)
	outstruct.BatchRevokedReason = *abi.ConvertType(out[3], new(uint8)).(*uint8)
	outstruct.CredentialRevokedReason = *abi.ConvertType(out[4], new(uint8)).(*uint8)
	outstruct.IssuerActive = *abi.ConvertType(out[5], new(bool)).(*bool)
	return *outstruct, nil
}

// PackSuspendIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x881b6f02.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function suspendIssuer(address issuer) returns()
func (credentialRegistry *CredentialRegistry) PackSuspendIssuer(issuer common.Address) []byte {
	enc, err := credentialRegistry.abi.Pack("suspendIssuer", issuer)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSuspendIssuer is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x881b6f02.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function suspendIssuer(address issuer) returns()
func (credentialRegistry *CredentialRegistry) TryPackSuspendIssuer(issuer common.Address) ([]byte, error) {
	return credentialRegistry.abi.Pack("suspendIssuer", issuer)
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
	Issuer common.Address
	Raw    *types.Log // Blockchain specific contextual infos
}

const CredentialRegistryIssuerSuspendedEventName = "IssuerSuspended"

// ContractEventName returns the user-defined event name.
func (CredentialRegistryIssuerSuspended) ContractEventName() string {
	return CredentialRegistryIssuerSuspendedEventName
}

// UnpackIssuerSuspendedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event IssuerSuspended(address indexed issuer)
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
