// SPDX-License-Identifier: Apache-2.0
pragma solidity 0.8.30;

/// @title CredentialRegistry
/// @notice Anchors credseal batch headers. An owner (the accreditation
/// authority) registers issuers; each active issuer anchors sealed 80-byte
/// headers in its own hash-chain order and may revoke credentials (by digest)
/// or whole batches (by seal). An issuer's chain starts at a genesis value
/// made of its own address, so no other account can anchor a header that
/// extends it, the first one included. The owner can move an issuer to a new
/// key and date a suspension. No personal data is ever stored: only seals,
/// digests and issuer records.
/// @dev Storage is counted, not opcodes: an anchored batch costs exactly one
/// new storage slot (its packed record) and one overwrite of the issuer's
/// state word, which holds its chain head, its active flag and its minimum
/// difficulty together so that anchoring reads one issuer slot.
contract CredentialRegistry {
    // ---- errors -----------------------------------------------------------

    error NotOwner(address caller);
    error NotPendingOwner(address caller);
    error ZeroAddress();
    error IssuerExists(address issuer);
    error UnknownIssuer(address issuer);
    error IssuerNotActive(address issuer);
    error IssuerAlreadyActive(address issuer);
    error KeyRotated(address key, address successor);
    error SuspensionInFuture(uint64 fromBlock, uint64 currentBlock);
    error CutoffNotEarlier(uint64 cutoff, uint64 fromBlock);
    error EmptyName();
    error BadHeaderLength(uint256 length);
    error BrokenChain(bytes32 prev, bytes32 lastSeal);
    error InvalidBits(uint32 bits);
    error InvalidDifficulty(uint8 difficulty);
    error BitsTooEasy(uint32 bits, uint8 minDifficulty);
    error NotSealed(bytes32 seal, uint32 bits);
    error AlreadyAnchored(bytes32 seal);
    error UnknownBatch(bytes32 seal);
    error NotBatchIssuer(bytes32 seal, address caller);
    error InvalidReason();
    error AlreadyRevoked(bytes32 id);

    // ---- events -----------------------------------------------------------

    event OwnershipTransferStarted(address indexed owner, address indexed pendingOwner);
    event OwnershipTransferred(address indexed previousOwner, address indexed newOwner);
    event MinDifficultyChanged(address indexed issuer, uint8 difficulty);
    event IssuerRegistered(address indexed issuer, string name, string domain);
    event IssuerSuspended(address indexed issuer, uint64 fromBlock);
    event IssuerReinstated(address indexed issuer);
    event IssuerKeyRotated(address indexed oldKey, address indexed newKey);
    event Anchored(address indexed issuer, bytes32 indexed seal, bytes32 root);
    event CredentialRevoked(address indexed issuer, bytes32 indexed digest, uint8 reason);
    event BatchRevoked(address indexed issuer, bytes32 indexed seal, uint8 reason);

    // ---- storage ----------------------------------------------------------

    struct Issuer {
        // The state word. For a live key: the last anchored seal (the
        // issuer's genesis before the first) with its last byte replaced by
        // flags. That byte of every anchored seal is zero, because every
        // accepted target is below 2^248 (difficulty >= 8): the seal, read
        // little-endian, is at most the target; and a genesis value is the
        // address followed by twelve zero bytes. For a key the owner rotated
        // away: the successor's address in the same place and a zero flag
        // byte (a live key's minimum difficulty is never zero).
        uint256 state;
        uint64 registeredAt; // block number
        // Batches this key anchored in this block or later do not count;
        // NO_CUTOFF while the key is in good standing.
        uint64 cutoff;
        string name;
        string domain;
    }

    uint256 private constant ACTIVE = 0x80; // state flag: may anchor
    uint256 private constant DIFFICULTY = 0x7f; // state bits: minimum difficulty, 8..127
    uint256 private constant FLAGS = 0xff;
    uint64 private constant NO_CUTOFF = type(uint64).max;

    address public owner; // packed with minDifficulty
    /// @notice The minimum difficulty given to newly registered issuers: an
    /// anchored header's target must be below 2^(256 - difficulty).
    uint8 public minDifficulty;
    address public pendingOwner;

    mapping(address => Issuer) private issuers;

    // Batch record, one packed slot per seal (layout at _unpackBatch).
    mapping(bytes32 => uint256) private batches;

    // Revocations of credentials (by digest) and of batches (by seal), per
    // issuer key: only the word of the batch's issuer (that key or the keys
    // it was rotated to) counts, and only when made before that key's
    // cutoff, so that whoever stole a key cannot revoke what it anchored.
    mapping(address => mapping(bytes32 => uint256)) private revocations;
    mapping(address => mapping(bytes32 => uint256)) private batchRevocations;

    constructor(uint8 initialMinDifficulty) {
        _checkDifficulty(initialMinDifficulty);
        owner = msg.sender;
        minDifficulty = initialMinDifficulty;
        emit OwnershipTransferred(address(0), msg.sender);
        emit MinDifficultyChanged(address(0), initialMinDifficulty);
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        _;
    }

    // ---- owner ------------------------------------------------------------

    /// @notice Starts a two-step ownership transfer; the new owner accepts it.
    function transferOwnership(address newOwner) external onlyOwner {
        if (newOwner == address(0)) revert ZeroAddress();
        pendingOwner = newOwner;
        emit OwnershipTransferStarted(msg.sender, newOwner);
    }

    function acceptOwnership() external {
        if (msg.sender != pendingOwner) revert NotPendingOwner(msg.sender);
        emit OwnershipTransferred(owner, msg.sender);
        owner = msg.sender;
        pendingOwner = address(0);
    }

    /// @notice Sets the minimum difficulty new issuers get.
    function setMinDifficulty(uint8 difficulty) external onlyOwner {
        _checkDifficulty(difficulty);
        minDifficulty = difficulty;
        emit MinDifficultyChanged(address(0), difficulty);
    }

    /// @notice Sets one issuer's minimum difficulty.
    function setIssuerMinDifficulty(address issuer, uint8 difficulty) external onlyOwner {
        _checkDifficulty(difficulty);
        Issuer storage rec = _live(issuer);
        rec.state = (rec.state & ~DIFFICULTY) | difficulty;
        emit MinDifficultyChanged(issuer, difficulty);
    }

    /// @notice Accredits an issuer. Its first header must have the issuer's
    /// genesis (see genesisOf) as prev.
    function registerIssuer(address issuer, string calldata name, string calldata domain) external onlyOwner {
        if (issuer == address(0)) revert ZeroAddress();
        if (bytes(name).length == 0) revert EmptyName();
        Issuer storage rec = issuers[issuer];
        if (rec.state != 0) revert IssuerExists(issuer);
        rec.state = uint256(genesisOf(issuer)) | ACTIVE | minDifficulty;
        rec.registeredAt = uint64(block.number);
        rec.cutoff = NO_CUTOFF;
        rec.name = name;
        rec.domain = domain;
        emit IssuerRegistered(issuer, name, domain);
    }

    /// @notice Stops an issuer key from anchoring and revoking. Batches it
    /// anchored, and revocations it made, in block fromBlock or later no
    /// longer count; earlier ones stay valid (0: none counts). fromBlock
    /// cannot be in the future, and a key already suspended (or rotated
    /// away) can only have its cutoff moved earlier, as when a leak turns
    /// out to have begun before it was thought.
    function suspendIssuer(address issuer, uint64 fromBlock) external onlyOwner {
        Issuer storage rec = issuers[issuer];
        if (rec.state == 0) revert UnknownIssuer(issuer);
        if (fromBlock > block.number) revert SuspensionInFuture(fromBlock, uint64(block.number));
        if (fromBlock >= rec.cutoff) revert CutoffNotEarlier(rec.cutoff, fromBlock);
        rec.state &= ~ACTIVE; // a rotated key's flags are zero already
        rec.cutoff = fromBlock;
        emit IssuerSuspended(issuer, fromBlock);
    }

    /// @notice Lifts a suspension: the issuer anchors again and all its
    /// batches count again. After a key compromise, rotate the key instead,
    /// so the compromised key's later batches stay void.
    function reinstateIssuer(address issuer) external onlyOwner {
        Issuer storage rec = _live(issuer);
        if (rec.state & ACTIVE != 0) revert IssuerAlreadyActive(issuer);
        rec.state |= ACTIVE;
        rec.cutoff = NO_CUTOFF;
        emit IssuerReinstated(issuer);
    }

    /// @notice Moves an issuer to a new key: the new key takes over the
    /// record (name, domain, minimum difficulty, chain of seals) and is
    /// active; the old key can no longer anchor or revoke. The old key's
    /// batches keep counting up to its cutoff (set by a dated suspension
    /// before the rotation), and its revocations keep counting.
    function rotateIssuerKey(address oldKey, address newKey) external onlyOwner {
        if (newKey == address(0)) revert ZeroAddress();
        Issuer storage old = _live(oldKey);
        Issuer storage rec = issuers[newKey];
        if (rec.state != 0) revert IssuerExists(newKey);
        rec.state = (old.state & ~FLAGS) | ACTIVE | (old.state & DIFFICULTY);
        rec.registeredAt = old.registeredAt;
        rec.cutoff = NO_CUTOFF;
        rec.name = old.name;
        rec.domain = old.domain;
        old.state = uint256(uint160(newKey)) << 96; // retired: successor, zero flags
        emit IssuerKeyRotated(oldKey, newKey);
    }

    // ---- issuers ----------------------------------------------------------

    /// @notice Anchors one sealed header that extends the caller's chain.
    function anchor(bytes calldata header) external {
        Issuer storage rec = issuers[msg.sender];
        uint256 state = _activeState(rec.state);
        bytes32 seal = _anchor(header, bytes32(state & ~FLAGS), state & DIFFICULTY);
        rec.state = uint256(seal) | (state & FLAGS);
    }

    /// @notice Anchors several headers, concatenated, in chain order.
    function anchorMany(bytes calldata headers) external {
        if (headers.length == 0 || headers.length % 80 != 0) revert BadHeaderLength(headers.length);
        Issuer storage rec = issuers[msg.sender];
        uint256 state = _activeState(rec.state);
        uint256 difficulty = state & DIFFICULTY;
        bytes32 head = bytes32(state & ~FLAGS);
        for (uint256 off = 0; off < headers.length; off += 80) {
            head = _anchor(headers[off:off + 80], head, difficulty);
        }
        rec.state = uint256(head) | (state & FLAGS);
    }

    /// @notice Revokes one credential of the caller's. Verifiers honour a
    /// revocation only when it was made by the key that anchored the batch
    /// or a key the issuer was rotated to since, before that key's cutoff.
    function revoke(bytes32 digest, uint8 reason) external {
        if (reason == 0) revert InvalidReason();
        _revoker(msg.sender);
        mapping(bytes32 => uint256) storage mine = revocations[msg.sender];
        if (mine[digest] != 0) revert AlreadyRevoked(digest);
        mine[digest] = _packRevocation(reason);
        emit CredentialRevoked(msg.sender, digest, reason);
    }

    /// @notice Revokes a whole batch; only the issuer that anchored it may,
    /// with its current key.
    function revokeBatch(bytes32 seal, uint8 reason) external {
        if (reason == 0) revert InvalidReason();
        uint256 rec = batches[seal];
        if (rec == 0) revert UnknownBatch(seal);
        if (currentKey(address(uint160(rec))) != msg.sender) revert NotBatchIssuer(seal, msg.sender);
        _revoker(msg.sender);
        (, uint8 revoked,,,) = _standing(address(uint160(rec)), bytes32(0), seal);
        if (revoked != 0) revert AlreadyRevoked(seal);
        batchRevocations[msg.sender][seal] = _packRevocation(reason);
        emit BatchRevoked(msg.sender, seal, reason);
    }

    // ---- views ------------------------------------------------------------

    /// @notice The prev of an issuer's first header: its address followed
    /// by twelve zero bytes.
    function genesisOf(address issuer) public pure returns (bytes32) {
        return bytes32(uint256(uint160(issuer)) << 96);
    }

    /// @notice The key an issuer uses now: key itself, or the key it was
    /// rotated to (through every later rotation).
    function currentKey(address key) public view returns (address) {
        uint256 state = issuers[key].state;
        while (state != 0 && state & DIFFICULTY == 0) {
            key = address(uint160(state >> 96));
            state = issuers[key].state;
        }
        return key;
    }

    /// @notice The record of an anchored batch; issuer is zero when unknown.
    /// revokedReason counts the issuer's revocations as status does.
    function batch(bytes32 seal)
        external
        view
        returns (address batchIssuer, uint64 blockNumber, uint64 time, uint8 revokedReason)
    {
        (batchIssuer, blockNumber, time) = _unpackBatch(batches[seal]);
        if (batchIssuer != address(0)) (, revokedReason,,,) = _standing(batchIssuer, bytes32(0), seal);
    }

    /// @notice Revocation of a credential by an issuer key, as recorded
    /// (whether it counts is status's answer): reason 0 means none.
    function isRevoked(address issuer, bytes32 digest) external view returns (bool revoked, uint8 reason, uint64 blockNumber) {
        uint256 r = revocations[issuer][digest];
        return (r != 0, uint8(r >> 248), uint64(r));
    }

    /// @notice An issuer's last anchored seal: the prev of its next header
    /// (its genesis before its first; zero for unknown and rotated keys).
    function lastSeal(address issuer) external view returns (bytes32) {
        uint256 state = issuers[issuer].state;
        if (state & DIFFICULTY == 0) return bytes32(0);
        return bytes32(state & ~FLAGS);
    }

    /// @notice An account's issuer record. successor is the key it was
    /// rotated to (zero for a live key); cutoff is the block from which its
    /// batches do not count (type(uint64).max: none).
    function issuerRecord(address account)
        external
        view
        returns (
            bool registered,
            bool active,
            uint8 issuerMinDifficulty,
            uint64 registeredAt,
            uint64 cutoff,
            address successor,
            string memory name,
            string memory domain
        )
    {
        Issuer storage rec = issuers[account];
        uint256 state = rec.state;
        if (state != 0 && state & DIFFICULTY == 0) successor = address(uint160(state >> 96));
        return (state != 0, state & ACTIVE != 0, uint8(state & DIFFICULTY), rec.registeredAt, rec.cutoff, successor,
            rec.name, rec.domain);
    }

    /// @notice Everything a verifier needs about one credential, in one call.
    /// issuerKey is the key the batch's issuer uses now; the revocation
    /// reasons count revocations by the anchoring key and every key after
    /// it, each made before that key's cutoff; cutoff is the earliest block
    /// from which any of those keys' batches stop counting
    /// (type(uint64).max: none), so the batch stands while blockNumber <
    /// cutoff; issuerActive is whether the issuer may anchor now.
    function status(bytes32 seal, bytes32 digest)
        external
        view
        returns (
            address batchIssuer,
            address issuerKey,
            uint64 blockNumber,
            uint64 time,
            uint8 batchRevokedReason,
            uint8 credentialRevokedReason,
            bool issuerActive,
            uint64 cutoff
        )
    {
        (batchIssuer, blockNumber, time) = _unpackBatch(batches[seal]);
        if (batchIssuer == address(0)) return (batchIssuer, issuerKey, blockNumber, time, 0, 0, false, NO_CUTOFF);
        (credentialRevokedReason, batchRevokedReason, issuerKey, issuerActive, cutoff) = _standing(batchIssuer, digest, seal);
    }

    /// @notice Checks an RFC 6962 audit path; `leaf` is the leaf hash
    /// SHA-256(0x00 ‖ data). Agrees with credseal's pkg/merkle.
    function verifyInclusion(bytes32 leaf, uint256 index, uint256 size, bytes32[] calldata path, bytes32 root)
        external
        pure
        returns (bool)
    {
        if (index >= size) return false;
        uint256 fn = index;
        uint256 sn = size - 1;
        bytes32 r = leaf;
        for (uint256 i = 0; i < path.length; i++) {
            if (sn == 0) return false;
            if (fn & 1 == 1 || fn == sn) {
                r = sha256(abi.encodePacked(bytes1(0x01), path[i], r));
                while (fn & 1 == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = sha256(abi.encodePacked(bytes1(0x01), r, path[i]));
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && r == root;
    }

    /// @notice The target that compact `bits` encode, as Bitcoin decodes it.
    function target(uint32 bits) external pure returns (uint256) {
        return _target(bits);
    }

    // ---- internals --------------------------------------------------------

    /// @dev Follows an issuer's keys from key to the one in use: the
    /// credential's and the batch's revocation reasons (the first counted
    /// along the way), the current key, whether it is active, and the
    /// earliest cutoff. A revocation counts when made before its key's cutoff.
    function _standing(address key, bytes32 digest, bytes32 seal)
        private
        view
        returns (uint8 credentialReason, uint8 batchReason, address current, bool active, uint64 cutoff)
    {
        cutoff = NO_CUTOFF;
        while (true) {
            Issuer storage rec = issuers[key];
            uint64 keyCutoff = rec.cutoff;
            if (credentialReason == 0) credentialReason = _counted(revocations[key][digest], keyCutoff);
            if (batchReason == 0) batchReason = _counted(batchRevocations[key][seal], keyCutoff);
            if (keyCutoff < cutoff) cutoff = keyCutoff;
            uint256 state = rec.state;
            if (state == 0 || state & DIFFICULTY != 0) return (credentialReason, batchReason, key, state & ACTIVE != 0, cutoff);
            key = address(uint160(state >> 96));
        }
    }

    /// @dev A revocation word's reason, or 0 when made at or after cutoff.
    function _counted(uint256 r, uint64 cutoff) private pure returns (uint8) {
        return r != 0 && uint64(r) < cutoff ? uint8(r >> 248) : 0;
    }

    /// @dev A key that may revoke: live, and not suspended (its revocations
    /// from its cutoff on would not count).
    function _revoker(address account) private view {
        Issuer storage rec = _live(account);
        if (rec.cutoff != NO_CUTOFF) revert IssuerNotActive(account);
    }

    /// @dev A registered key that was not rotated away.
    function _live(address account) private view returns (Issuer storage rec) {
        rec = issuers[account];
        uint256 state = rec.state;
        if (state == 0) revert UnknownIssuer(account);
        if (state & DIFFICULTY == 0) revert KeyRotated(account, address(uint160(state >> 96)));
    }

    function _activeState(uint256 state) private view returns (uint256) {
        if (state == 0) revert UnknownIssuer(msg.sender);
        if (state & ACTIVE == 0) {
            if (state & DIFFICULTY == 0) revert KeyRotated(msg.sender, address(uint160(state >> 96)));
            revert IssuerNotActive(msg.sender);
        }
        return state;
    }

    function _checkDifficulty(uint8 difficulty) private pure {
        if (difficulty < 8 || difficulty > 127) revert InvalidDifficulty(difficulty);
    }

    /// @dev Checks one header against the chain head and the minimum
    /// difficulty, records it and returns its seal (the new head).
    function _anchor(bytes calldata header, bytes32 head, uint256 difficulty) private returns (bytes32 seal) {
        if (header.length != 80) revert BadHeaderLength(header.length);
        bytes32 prev;
        bytes32 root;
        uint32 bits;
        assembly ("memory-safe") {
            prev := calldataload(add(header.offset, 4))
            root := calldataload(add(header.offset, 36))
            // Bytes 72..75, little endian: the word at 48 ends with time, bits, nonce.
            let w := shr(32, calldataload(add(header.offset, 48)))
            bits := or(or(shl(24, and(w, 0xff)), shl(8, and(w, 0xff00))), or(and(shr(8, w), 0xff00), and(shr(24, w), 0xff)))
        }
        if (prev != head) revert BrokenChain(prev, head);
        uint256 t = _target(bits);
        if (t >> (256 - difficulty) != 0) revert BitsTooEasy(bits, uint8(difficulty));
        seal = _sha256d(header);
        if (_reverse(uint256(seal)) > t) revert NotSealed(seal, bits);
        if (batches[seal] != 0) revert AlreadyAnchored(seal);
        batches[seal] = uint256(uint160(msg.sender)) | (uint256(uint48(block.number)) << 160)
            | (uint256(uint40(block.timestamp)) << 208);
        emit Anchored(msg.sender, seal, root);
    }

    /// @dev SHA-256(SHA-256(header)) through the precompile, in scratch memory.
    function _sha256d(bytes calldata header) private view returns (bytes32 out) {
        assembly ("memory-safe") {
            let p := mload(0x40)
            calldatacopy(p, header.offset, 80)
            if iszero(staticcall(gas(), 2, p, 80, p, 32)) { revert(0, 0) }
            if iszero(staticcall(gas(), 2, p, 32, p, 32)) { revert(0, 0) }
            out := mload(p)
        }
    }

    // Layout: issuer bits 0..159 | block 160..207 | time 208..247 | 248..255 zero.
    function _unpackBatch(uint256 rec) private pure returns (address issuer_, uint64 blockNumber, uint64 time) {
        issuer_ = address(uint160(rec));
        blockNumber = uint64((rec >> 160) & 0xffffffffffff);
        time = uint64((rec >> 208) & 0xffffffffff);
    }

    // Layout: block bits 0..63 | reason 248..255.
    function _packRevocation(uint8 reason) private view returns (uint256) {
        return uint256(uint64(block.number)) | (uint256(reason) << 248);
    }

    /// @dev Bitcoin's SetCompact, rejecting negative, zero and overflowing targets.
    function _target(uint32 bits) private pure returns (uint256) {
        uint256 size = bits >> 24;
        uint256 word = bits & 0x007fffff;
        if (size <= 3) {
            word >>= 8 * (3 - size);
        }
        if (word == 0 || bits & 0x00800000 != 0) revert InvalidBits(bits);
        if (size > 34 || (word > 0xff && size > 33) || (word > 0xffff && size > 32)) revert InvalidBits(bits);
        return size > 3 ? word << (8 * (size - 3)) : word;
    }

    /// @dev Reverses the byte order of a 256-bit word: the seal is compared
    /// as a little-endian integer, as Bitcoin does.
    function _reverse(uint256 v) private pure returns (uint256) {
        v = ((v & 0xFF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00) >> 8)
            | ((v & 0x00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF00FF) << 8);
        v = ((v & 0xFFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000) >> 16)
            | ((v & 0x0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF0000FFFF) << 16);
        v = ((v & 0xFFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000) >> 32)
            | ((v & 0x00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF00000000FFFFFFFF) << 32);
        v = ((v & 0xFFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF0000000000000000) >> 64)
            | ((v & 0x0000000000000000FFFFFFFFFFFFFFFF0000000000000000FFFFFFFFFFFFFFFF) << 64);
        return (v >> 128) | (v << 128);
    }
}
