import Crypto
import Foundation

/// Ed25519 keys for signing ratings, stored as small PEM-style text files (the raw 32-byte keys in base64;
/// swift-crypto has no PKCS#8 form for Ed25519). The key id is the SHA-256 of the raw public key.
public struct SigningKey: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey

    public static let privateLabel = "TRUSTMARK ED25519 PRIVATE KEY"
    public static let publicLabel = "TRUSTMARK ED25519 PUBLIC KEY"

    public init() { privateKey = Curve25519.Signing.PrivateKey() }

    public init(pem: String) throws(AttestationError) {
        let raw = try SigningKey.decode(pem, label: SigningKey.privateLabel)
        guard let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw) else { throw .badKey("not an Ed25519 private key") }
        privateKey = key
    }

    public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }
    public var privatePEM: String { SigningKey.encode(Array(privateKey.rawRepresentation), label: SigningKey.privateLabel) }
    public var publicPEM: String { SigningKey.encode(Array(publicKey.rawRepresentation), label: SigningKey.publicLabel) }
    public var keyID: String { SigningKey.keyID(publicKey) }

    public static func keyID(_ key: Curve25519.Signing.PublicKey) -> String {
        SHA256.hash(data: key.rawRepresentation).map { String(format: "%02x", $0) }.joined()
    }

    public static func publicKey(pem: String) throws(AttestationError) -> Curve25519.Signing.PublicKey {
        let raw = try decode(pem, label: publicLabel)
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: raw) else { throw .badKey("not an Ed25519 public key") }
        return key
    }

    static func encode(_ bytes: [UInt8], label: String) -> String {
        "-----BEGIN \(label)-----\n\(Data(bytes).base64EncodedString())\n-----END \(label)-----\n"
    }

    static func decode(_ pem: String, label: String) throws(AttestationError) -> Data {
        let lines = pem.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard lines.first == "-----BEGIN \(label)-----", lines.last == "-----END \(label)-----", lines.count == 3,
            let data = Data(base64Encoded: lines[1]), data.count == 32
        else {
            throw .badKey("expected a \(label) file written by `trustmark keygen`")
        }
        return data
    }
}

/// Why an attestation could not be made or verified. Each message says what failed.
public enum AttestationError: Error, Sendable, Equatable, CustomStringConvertible {
    case badKey(String)
    case malformed(String)
    case signature(String)
    case subject(String)

    public var description: String {
        switch self {
        case .badKey(let why): return "key: \(why)"
        case .malformed(let why): return "not a valid Trustmark attestation: \(why)"
        case .signature(let why): return "signature does not verify: \(why)"
        case .subject(let why): return "the model does not match the attestation: \(why)"
        }
    }
}
