import Crypto
import Foundation
import TrustmarkCore

/// A rating as an in-toto Statement v1 in a DSSE envelope, signed with Ed25519. The subject is the model with
/// the root digest over all its file digests (as OpenSSF model signing defines it) and its commit; the
/// predicate is the rating JSON with the methodology and tool.
///
/// The envelope is written canonically (sorted keys, no insignificant whitespace, canonical base64), and the
/// verifier accepts only that form: every single-byte change to an envelope then fails verification, either as
/// a non-canonical envelope or as a signature that no longer matches.
public enum DSSEAttestation {
    public static let payloadType = "application/vnd.in-toto+json"
    public static let statementType = "https://in-toto.io/Statement/v1"
    public static let predicateType = "https://trustmark.dev/rating/v1"

    public struct Verified: Sendable {
        public var subjectName: String
        /// `sha256` (root digest) and `gitCommit` when the rating had one.
        public var subjectDigest: [String: String]
        public var keyID: String
        public var ratingJSON: String
    }

    /// The statement: subject, predicate type and predicate `{methodology, tool, rating}`.
    public static func statement(record: RatingRecord) throws(AttestationError) -> [UInt8] {
        let ratingJSON: String
        do { ratingJSON = try record.json() } catch { throw .malformed("the rating cannot be written as JSON: \(error)") }
        return try statement(ratingJSON: ratingJSON, rating: record.rating, tool: record.tool)
    }

    /// The statement around a rating JSON text as written (tests sign small hand-made ones).
    static func statement(ratingJSON: String, rating: Rating, tool recordTool: RatingRecord.Tool) throws(AttestationError) -> [UInt8] {
        guard (try? JSONSerialization.jsonObject(with: Data(ratingJSON.utf8))) != nil else { throw .malformed("the rating JSON does not parse") }
        guard let digest = rating.subject.digest, digest.hasPrefix("sha256:") else {
            throw .subject("the rating has no digest over all files (was it made with --no-hash?); an attestation needs one")
        }
        var subjectDigest = ["sha256": String(digest.dropFirst("sha256:".count))]
        if let commit = rating.subject.revision, commit.allSatisfy(\.isHexDigit) { subjectDigest["gitCommit"] = commit }
        let name: String
        switch rating.subject.source {
        case .hub, .huggingFaceCache: name = "hf://" + rating.subject.name
        case .modelScope, .modelScopeCache: name = "ms://" + rating.subject.name
        case .folder, .file: name = rating.subject.name
        }
        // The rating JSON is spliced in as written (it is already deterministic), so its numbers keep their exact text.
        let methodology = try canonical(["id": rating.methodology.id, "version": rating.methodology.version])
        let tool = try canonical(["name": recordTool.name, "version": recordTool.version])
        let subject = try canonical([["name": name, "digest": subjectDigest]])
        let type = try canonical([statementType])
        let predicate = try canonical([predicateType])
        var text = "{\"_type\":" + String(decoding: type.dropFirst().dropLast(), as: UTF8.self)
        text += ",\"predicate\":{\"methodology\":" + String(decoding: methodology, as: UTF8.self)
        text += ",\"rating\":" + ratingJSON.trimmingCharacters(in: .whitespacesAndNewlines)
        text += ",\"tool\":" + String(decoding: tool, as: UTF8.self) + "}"
        text += ",\"predicateType\":" + String(decoding: predicate.dropFirst().dropLast(), as: UTF8.self)
        text += ",\"subject\":" + String(decoding: subject, as: UTF8.self) + "}"
        guard (try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil else { throw .malformed("the statement does not parse") }
        return Array(text.utf8)
    }

    /// DSSE pre-authentication encoding: what is actually signed.
    static func pae(_ type: String, _ body: [UInt8]) -> [UInt8] {
        Array("DSSEv1 \(type.utf8.count) \(type) \(body.count) ".utf8) + body
    }

    public static func sign(statement: [UInt8], key: SigningKey) throws(AttestationError) -> String {
        guard let signature = try? key.privateKey.signature(for: pae(payloadType, statement)) else { throw .badKey("signing failed") }
        let envelope = Envelope(
            payload: Data(statement).base64EncodedString(), payloadType: payloadType,
            signatures: [Envelope.Signature(keyid: key.keyID, sig: signature.base64EncodedString())])
        // The same writer the verifier compares with: one canonical text.
        guard let text = canonicalText(envelope) else { throw .badKey("the key id is not printable") }
        return text
    }

    /// The envelope's fields, decoded with `JSONDecoder`; `canonicalText` writes the one text signing and verifying
    /// both compare, so no second serializer can disagree with the first.
    struct Envelope: Decodable {
        struct Signature: Decodable {
            var keyid: String
            var sig: String
        }
        var payload: String
        var payloadType: String
        var signatures: [Signature]
    }

    struct Statement: Decodable {
        struct Subject: Decodable {
            var name: String
            var digest: [String: String]
        }
        struct Predicate: Decodable {
            struct Anything: Decodable {}
            var rating: Anything
        }
        var type: String
        var predicateType: String
        var subject: [Subject]
        var predicate: Predicate

        enum CodingKeys: String, CodingKey {
            case type = "_type"
            case predicateType, subject, predicate
        }
    }

    /// The one canonical text of an envelope (sorted keys, no white space), written from its fields. Fields outside
    /// the base64 and hex alphabets have no canonical text here, so an envelope holding them is refused.
    static func canonicalText(_ envelope: Envelope) -> String? {
        let base64 = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        let printable = { (text: String) in text.allSatisfy { $0.isASCII && !$0.isWhitespace && $0 != "\"" && $0 != "\\" && $0.asciiValue! >= 0x20 } }
        guard envelope.payload.allSatisfy(base64.contains), printable(envelope.payloadType),
            envelope.signatures.allSatisfy({ $0.sig.allSatisfy(base64.contains) && printable($0.keyid) })
        else { return nil }
        let signatures = envelope.signatures.map { "{\"keyid\":\"\($0.keyid)\",\"sig\":\"\($0.sig)\"}" }.joined(separator: ",")
        return "{\"payload\":\"\(envelope.payload)\",\"payloadType\":\"\(envelope.payloadType)\",\"signatures\":[\(signatures)]}"
    }

    /// Checks the envelope's form, the signature with `publicKey`, and the statement's shape.
    public static func verify(envelope text: String, publicKey: Curve25519.Signing.PublicKey) throws(AttestationError) -> Verified {
        guard let envelope = try? JSONDecoder().decode(Envelope.self, from: Data(text.utf8)) else {
            throw .malformed("the envelope is not a JSON object with payload, payloadType and signatures")
        }
        guard let canonicalText = canonicalText(envelope), canonicalText == text.trimmingTrailingNewline else {
            throw .malformed("the envelope is not in canonical form (it was edited after signing)")
        }
        guard envelope.payloadType == payloadType else { throw .malformed("payloadType is not \(payloadType)") }
        guard let payload = Data(base64Encoded: envelope.payload), payload.base64EncodedString() == envelope.payload else {
            throw .malformed("the payload is not canonical base64")
        }
        guard envelope.signatures.count == 1, let entry = envelope.signatures.first, let signature = Data(base64Encoded: entry.sig),
            signature.base64EncodedString() == entry.sig
        else {
            throw .malformed("expected exactly one signature with keyid and sig")
        }
        let keyID = entry.keyid
        let expectedID = SigningKey.keyID(publicKey)
        guard keyID == expectedID else { throw .signature("signed by key \(keyID.prefix(16))…, not by the given key \(expectedID.prefix(16))…") }
        guard publicKey.isValidSignature(signature, for: pae(payloadType, Array(payload))) else {
            throw .signature("the Ed25519 signature does not match the payload")
        }
        guard let statement = try? JSONDecoder().decode(Statement.self, from: payload), statement.type == statementType,
            statement.predicateType == predicateType, let subject = statement.subject.first,
            let ratingJSON = splicedRating(String(decoding: payload, as: UTF8.self))
        else {
            throw .malformed("the statement is not a Trustmark rating statement")
        }
        return Verified(subjectName: subject.name, subjectDigest: subject.digest, keyID: keyID, ratingJSON: ratingJSON)
    }

    /// The rating JSON as `statement(ratingJSON:…)` spliced it in: between `"predicate":{"methodology":{…},"rating":`
    /// and the predicate's last `,"tool":` (the rating has a `tool` of its own).
    static func splicedRating(_ statement: String) -> String? {
        guard let start = statement.range(of: ",\"rating\":"), let predicateEnd = statement.range(of: "},\"predicateType\":", options: .backwards),
            let toolStart = statement.range(of: ",\"tool\":", options: .backwards, range: start.upperBound..<predicateEnd.lowerBound)
        else { return nil }
        return String(statement[start.upperBound..<toolStart.lowerBound])
    }

    /// Sorted keys, no insignificant whitespace, slashes unescaped: the same value always gives the same bytes.
    static func canonical(_ object: Any) throws(AttestationError) -> [UInt8] {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else {
            throw .malformed("cannot be serialized")
        }
        return Array(data)
    }
}

extension String {
    var trimmingTrailingNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
