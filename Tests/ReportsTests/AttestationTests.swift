import Foundation
import ModelRepository
import Testing
import TrustmarkCore

@testable import Reports

/// Sign -> verify round trips, and tampering with the envelope or the key fails with a reason.
@Suite("Attestations")
struct AttestationTests {
    static func envelope() throws -> (String, SigningKey, Rating) {
        let record = try rated("contradicting-card")
        let key = SigningKey()
        let statement = try DSSEAttestation.statement(record: record)
        return (try DSSEAttestation.sign(statement: statement, key: key), key, record.rating)
    }

    @Test func signsAndVerifiesTheRatingStatement() throws {
        let (text, key, rating) = try Self.envelope()
        let verified = try DSSEAttestation.verify(envelope: text, publicKey: key.publicKey)
        #expect(verified.subjectName == "contradicting-card")
        #expect("sha256:" + (verified.subjectDigest["sha256"] ?? "") == rating.subject.digest)
        #expect(verified.keyID == key.keyID)
        #expect(verified.ratingJSON.contains("\"methodology\""))
        // Keys survive their files.
        let reloaded = try SigningKey(pem: key.privatePEM)
        #expect(reloaded.keyID == key.keyID)
        #expect(SigningKey.keyID(try SigningKey.publicKey(pem: key.publicPEM)) == key.keyID)
    }

    @Test func anotherKeyIsRefused() throws {
        let (text, _, _) = try Self.envelope()
        #expect(throws: AttestationError.self) { try DSSEAttestation.verify(envelope: text, publicKey: SigningKey().publicKey) }
    }

    /// Every byte of the envelope outside the base64 payload, and every 37th byte inside it (each payload byte is
    /// covered by the Ed25519 signature; sampling keeps the debug test fast), changed one at a time.
    @Test func everySingleByteChangeFails() throws {
        let (text, key, _) = try Self.envelope()
        let bytes = Array(text.utf8)
        let payloadStart = try #require(text.range(of: "\"payload\":\"")).upperBound.utf16Offset(in: text)
        let payloadEnd = bytes[payloadStart...].firstIndex(of: UInt8(ascii: "\""))!
        var positions = Array(0..<payloadStart) + Array(payloadEnd..<bytes.count)
        positions += stride(from: payloadStart, to: payloadEnd, by: 37)
        var refused = 0
        for position in positions {
            var changed = bytes
            changed[position] = changed[position] == UInt8(ascii: "A") ? UInt8(ascii: "B") : (changed[position] ^ 0x01)
            let result = Result { () throws(AttestationError) in
                try DSSEAttestation.verify(envelope: String(decoding: changed, as: UTF8.self), publicKey: key.publicKey)
            }
            if case .failure = result { refused += 1 } else { Issue.record("a change at byte \(position) still verified") }
        }
        #expect(refused == positions.count)
        #expect(positions.count > 400)
    }

    /// Exhaustive on a small envelope (a statement around an empty rating object): every byte, changed.
    @Test func everySingleByteOfASmallEnvelopeIsCovered() throws {
        let (_, key, rating) = try Self.envelope()
        let text = try DSSEAttestation.sign(statement: try DSSEAttestation.statement(ratingJSON: "{}", rating: rating, tool: .current), key: key)
        _ = try DSSEAttestation.verify(envelope: text, publicKey: key.publicKey)
        let bytes = Array(text.utf8)
        for position in bytes.indices {
            for replacement in [bytes[position] ^ 0x01, bytes[position] ^ 0x20] {
                var changed = bytes
                changed[position] = replacement
                let result = Result { () throws(AttestationError) in
                    try DSSEAttestation.verify(envelope: String(decoding: changed, as: UTF8.self), publicKey: key.publicKey)
                }
                if case .success = result { Issue.record("changing byte \(position) to \(replacement) still verified") }
            }
        }
        #expect(bytes.count > 500)
    }

    @Test func ratingsWithoutADigestCannotBeAttested() throws {
        var record = try rated("contradicting-card")
        record.rating.subject.digest = nil
        #expect(throws: AttestationError.self) { try DSSEAttestation.statement(record: record) }
    }
}
