import ArgumentParser
import Foundation
import Reports

/// `trustmark badge <target>`: an SVG badge for a model card or README.
struct BadgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "badge", abstract: "Write an SVG badge: grade, score, methodology and short commit.")

    @Argument(help: "A folder, cache entry, org/name on the Hub, or weights file.")
    var target: String

    @Option(help: "Revision for Hub and cache targets.")
    var revision: String?

    @Option(name: .shortAndLong, help: "Write the SVG here instead of standard output.")
    var output: String?

    func run() throws {
        let (rating, _) = try RatedTarget.rate(target, revision: revision)
        let svg = RatingBadge.svg(rating)
        if let output { try svg.write(toFile: output, atomically: true, encoding: .utf8) } else { print(svg, terminator: "") }
    }
}
