import Foundation
import TrustmarkCore

/// Renders a rating as JSON: sorted keys, fixed indentation, no clock time, so the same snapshot
/// and methodology always give the same bytes.
public enum JSONReport {
    public static func render(_ rating: Rating, snapshot: Snapshot) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let data = try encoder.encode(RatingDocument(rating: rating, snapshot: snapshot))
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
