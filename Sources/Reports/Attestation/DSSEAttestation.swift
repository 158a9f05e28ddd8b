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
        let envelope: [String: Any] = [
            "payloadType": payloadType,
            "payload": Data(statement).base64EncodedString(),
            "signatures": [["keyid": key.keyID, "sig": signature.base64EncodedString()]],
        ]
        return String(decoding: try canonical(envelope), as: UTF8.self)
    }

    /// Checks the envelope's form, the signature with `publicKey`, and the statement's shape.
    public static func verify(envelope text: String, publicKey: Curve25519.Signing.PublicKey) throws(AttestationError) -> Verified {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw .malformed("the envelope is not a JSON object")
        }
        guard let canonicalText = try? canonical(object), String(decoding: canonicalText, as: UTF8.self) == text.trimmingTrailingNewline else {
            throw .malformed("the envelope is not in canonical form (it was edited after signing)")
        }
        guard object["payloadType"] as? String == payloadType else { throw .malformed("payloadType is not \(payloadType)") }
        guard let payloadText = object["payload"] as? String, let payload = Data(base64Encoded: payloadText),
            payload.base64EncodedString() == payloadText
        else {
            throw .malformed("the payload is not canonical base64")
        }
        guard let signatures = object["signatures"] as? [[String: Any]], signatures.count == 1, let entry = signatures.first,
            let sigText = entry["sig"] as? String, let signature = Data(base64Encoded: sigText), signature.base64EncodedString() == sigText,
            let keyID = entry["keyid"] as? String
        else {
            throw .malformed("expected exactly one signature with keyid and sig")
        }
        let expectedID = SigningKey.keyID(publicKey)
        guard keyID == expectedID else { throw .signature("signed by key \(keyID.prefix(16))…, not by the given key \(expectedID.prefix(16))…") }
        guard publicKey.isValidSignature(signature, for: pae(payloadType, Array(payload))) else {
            throw .signature("the Ed25519 signature does not match the payload")
        }
        guard let statement = try? JSONSerialization.jsonObject(with: payload) as? [String: Any], statement["_type"] as? String == statementType,
            statement["predicateType"] as? String == predicateType, let subjects = statement["subject"] as? [[String: Any]],
            let subject = subjects.first, let name = subject["name"] as? String, let digest = subject["digest"] as? [String: String],
            let predicate = statement["predicate"] as? [String: Any], let rating = predicate["rating"]
        else {
            throw .malformed("the statement is not a Trustmark rating statement")
        }
        let ratingJSON = (try? canonical(rating)).map { String(decoding: $0, as: UTF8.self) } ?? ""
        return Verified(subjectName: name, subjectDigest: digest, keyID: keyID, ratingJSON: ratingJSON)
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
