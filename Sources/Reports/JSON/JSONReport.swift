import Foundation
import TrustmarkCore

/// `--format json`: the rating record itself (`RatingRecord.json()`), sorted keys, fixed indentation, no clock time,
/// so the same evidence and methodology always give the same bytes.
public enum JSONReport {
    public static func render(_ record: RatingRecord) throws -> String { try record.json() }
}
