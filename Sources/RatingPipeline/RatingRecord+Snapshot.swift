import Reports
import TrustmarkCore

extension RatingRecord {
    /// A record of `rating` over `snapshot`: the snapshot's files, what it could not read, and a bounded digest of its
    /// card. Internal: records are made by `RatingPipeline`, which always adds the framework labels first.
    init(rating: Rating, snapshot: Snapshot, licenseCatalogVersion: String?) {
        self.init(
            rating: rating,
            files: snapshot.files.map { RatingRecord.File(path: $0.path, size: $0.size, kind: $0.kind, sha256: $0.sha256) },
            problems: snapshot.problems, card: snapshot.card.map(CardDigest.init), licenseCatalogVersion: licenseCatalogVersion)
    }
}

extension RatingRecord.CardDigest {
    init(_ card: ModelCard) {
        var sections: [Section] = []
        for kind in SectionKind.allCases {
            for section in card.sections(kind).prefix(Self.maxSectionsPerKind) {
                sections.append(Section(kind: kind, title: section.title, line: section.line, endLine: section.endLine))
            }
        }
        self.init(
            path: card.path, pipelineTag: card.metadata.pipelineTag?.value,
            datasets: card.metadata.datasets.prefix(Self.maxDatasets).map(\.value), links: card.links.prefix(Self.maxLinks).map(\.url),
            sections: sections)
    }
}
