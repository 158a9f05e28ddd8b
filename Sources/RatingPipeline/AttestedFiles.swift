import Foundation
import Reports
import TrustmarkCore

/// What changed between the files a signed rating attests and the files a model has now.
public enum AttestedFiles {
    /// Files whose digest differs from the attested rating's file list, or that appeared or went away (the first ten,
    /// sorted by path). An attested rating that cannot be read names nothing: the digest mismatch is reported anyway.
    public static func changed(_ snapshot: Snapshot, attestedRating json: String) -> [String] {
        guard let record = try? RatingRecord.read(json: Data(json.utf8)) else { return [] }
        let attested = Dictionary(record.files.map { ($0.path, $0.sha256 ?? "") }, uniquingKeysWith: { first, _ in first })
        let current = Dictionary(snapshot.files.map { ($0.path, $0.sha256 ?? "") }, uniquingKeysWith: { first, _ in first })
        return Set(attested.keys).union(current.keys).sorted().filter { attested[$0] != current[$0] }.prefix(10).map { $0 }
    }
}
