import Foundation
import TrustmarkCore

/// The one stored and exchanged form of a rating: what `trustmark rate --format json` writes, what a database keeps
/// and what `trustmark render` reads back. It holds the complete rating (every finding with its credit, the gates,
/// the framework labels, the facts) and what the renderers need besides (the file list, what could not be read, a
/// digest of the card), so every format can be rendered again without the model. The JSON shape is versioned
/// (`schemaVersion`, docs/schemas/); `RatingPipeline` is the one place that makes new records.
public struct RatingRecord: Sendable, Equatable {
    /// The version of the JSON shape this build writes (docs/schemas/rating-<version>.json).
    public static let schemaVersion = "1.2"
    /// Every shape this build reads back, oldest first; all are published under docs/schemas/.
    public static let readableSchemaVersions = ["1.0", "1.1", "1.2"]

    /// The program that made the rating.
    public struct Tool: Sendable, Equatable {
        public var name: String
        public var version: String

        public init(name: String, version: String) {
            self.name = name
            self.version = version
        }

        public static let current = Tool(name: ToolIdentity.name, version: ToolIdentity.version)
    }

    /// A repository file as the rating saw it.
    public struct File: Sendable, Equatable {
        public var path: String
        public var size: UInt64
        public var kind: FileKind
        public var sha256: String?

        public init(path: String, size: UInt64, kind: FileKind, sha256: String?) {
            self.path = path
            self.size = size
            self.kind = kind
            self.sha256 = sha256
        }
    }

    /// What the BOM and the reports quote from the model card, bounded so a hostile card cannot bloat the record.
    public struct CardDigest: Sendable, Equatable {
        public struct Section: Sendable, Equatable {
            public var kind: SectionKind
            public var title: String
            public var line: Int
            public var endLine: Int

            public init(kind: SectionKind, title: String, line: Int, endLine: Int) {
                self.kind = kind
                self.title = title
                self.line = line
                self.endLine = endLine
            }
        }

        public static let maxLinks = 20, maxDatasets = 50, maxSectionsPerKind = 3

        public var path: String
        public var pipelineTag: String?
        public var datasets: [String]
        public var links: [String]
        public var sections: [Section]

        public init(path: String, pipelineTag: String?, datasets: [String], links: [String], sections: [Section]) {
            self.path = path
            self.pipelineTag = pipelineTag
            self.datasets = datasets
            self.links = links
            self.sections = sections
        }

        /// The first sections of `kind`, in card order.
        public func sections(_ kind: SectionKind) -> [Section] { sections.filter { $0.kind == kind } }
    }

    /// The JSON shape the record was read from (`schemaVersion` for a record made by this build).
    public var schemaVersion: String
    public var tool: Tool
    /// The licence catalog the licence checks matched against; nil in records older than schema 1.1.
    public var licenseCatalogVersion: String?
    public var rating: Rating
    public var files: [File]
    public var problems: [ReadProblem]
    /// Nil when the repository has no card (or the record is older than schema 1.1).
    public var card: CardDigest?

    /// Package access only: outside this package, records come from `RatingPipeline` (which always adds the framework
    /// labels) or from `RatingRecord.read(json:)`, never half-made.
    package init(
        rating: Rating, files: [File], problems: [ReadProblem], card: CardDigest?, licenseCatalogVersion: String?,
        tool: Tool = .current, schemaVersion: String = RatingRecord.schemaVersion
    ) {
        self.schemaVersion = schemaVersion
        self.tool = tool
        self.licenseCatalogVersion = licenseCatalogVersion
        self.rating = rating
        self.files = files
        self.problems = problems
        self.card = card
    }

    public var subject: Subject { rating.subject }
}

/// A stored rating could not be read back.
public struct RecordError: Error, CustomStringConvertible, Equatable {
    public var description: String

    public init(_ description: String) { self.description = description }
}

extension RatingRecord {
    /// The record as JSON: sorted keys, fixed indentation, no clock time, so the same evidence and methodology always
    /// give the same bytes.
    public func json() throws -> String {
        try JSONText.encode(RatingDocument(self))
    }

    /// Reads a record written by this or an earlier build (any of `readableSchemaVersions`).
    public static func read(json data: Data) throws(RecordError) -> RatingRecord {
        let document: RatingDocument
        do {
            document = try JSONDecoder().decode(RatingDocument.self, from: data)
        } catch let error as DecodingError {
            throw RecordError("not a Trustmark rating: " + RecordError.describe(error))
        } catch {
            throw RecordError("not a Trustmark rating: \(error)")
        }
        guard readableSchemaVersions.contains(document.schemaVersion) else {
            throw RecordError(
                "rating schema version \(document.schemaVersion) is not one this build reads (\(readableSchemaVersions.joined(separator: ", ")))")
        }
        return try document.record()
    }
}

extension RecordError {
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let text = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return text.isEmpty ? "at the top" : "at " + String(text.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \(key.stringValue) \(path(context))"
        case .typeMismatch(_, let context), .valueNotFound(_, let context): return "wrong type \(path(context))"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "bad value \(path(context))"
        @unknown default: return "unreadable"
        }
    }
}
