import ArgumentParser
import Foundation
import Reports

/// `trustmark render RATING.json --format F`: a stored rating in another format, without the model.
struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", _superCommandName: "trustmark",
        abstract: "Render a stored rating (the JSON of `trustmark rate --format json`) as text, markdown, html, sarif, cyclonedx, badge or json.",
        discussion: """
            The output is byte for byte what `trustmark rate TARGET --format F` printed when the rating was made, so a
            rating can be stored once and shown in any format later. Ratings of every published schema version are read
            (docs/schemas/). Exit status: 0 rendered; 1 rendered, and the rating is F-unsafe (as `rate`); 2 unreadable input.
            """
    )

    @Argument(
        help: "A rating record: the JSON written by `trustmark rate --format json` (- for standard input).", completion: .file(extensions: ["json"]))
    var rating: String

    @Option(name: .shortAndLong, help: "Output format: text, json, markdown, html, sarif, cyclonedx or badge.")
    var format: RateCommand.Format = .text

    @Option(help: "Colour for text: auto (only on a terminal, and not with NO_COLOR), always or never.")
    var color: RateCommand.ColorMode = .auto

    @Flag(name: .shortAndLong, help: "Show every finding and all of its evidence (text).")
    var verbose = false

    func run() throws {
        guard let recordFormat = RecordFormat(rawValue: format.rawValue) else {
            throw InputError(message: "--format \(format.rawValue) needs the model's files: run `trustmark rate TARGET --format \(format.rawValue)`")
        }
        let data: Data
        if rating == "-" {
            data = FileHandle.standardInput.readData(ofLength: InputFile.ratingLimit + 1)
            guard data.count <= InputFile.ratingLimit else {
                throw InputError(message: "standard input: larger than \(InputFile.ratingLimit >> 20) MiB")
            }
        } else {
            data = Data(try InputFile.text(rating, limit: InputFile.ratingLimit).utf8)
        }
        let record: RatingRecord
        do {
            record = try RatingRecord.read(json: data)
        } catch {
            throw InputError(message: "\(rating == "-" ? "standard input" : rating): \(error.description)")
        }
        print(try recordFormat.render(record, colors: color.useColor, verbose: verbose), terminator: "")
        try RateCommand.exitIfUnsafe(record)
    }
}
