import ArgumentParser
import Foundation
import Licenses
import Reports
import TrustmarkCore

/// `trustmark license <file|folder>...`: identify license texts, grade them and list their clauses.
struct LicenseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "license", _superCommandName: "trustmark",
        abstract: "Identify license files exactly, report variants with their differences, and list their terms.",
        discussion: """
            A file is "exact" only when its normalised words equal a catalog text; otherwise "variant of X" with the words
            added and removed, or "unknown". Terms (user caps, non-commercial clauses, naming duties, policies, bans,
            territory, governing law) are read from the file itself, with line numbers. For a folder, its LICENSE*,
            *POLICY* and NOTICE* files are read. Exit status: 0 done; 2 a path does not exist.
            """
    )

    @Argument(help: "License files or model folders.", completion: .file())
    var paths: [String]

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func run() throws {
        try LicenseCommand.execute(paths: paths, format: format)
    }

    static func execute(paths: [String], format: Format) throws {
        let matcher = LicenseMatcher()
        var results: [LicenseFileAnalysis] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw InputError(message: "\(path): no such file or folder")
            }
            if isDirectory.boolValue {
                let names = LicenseFileReader.candidates(inFolder: path)
                if names.isEmpty { Console.error("\(path): no license, policy or notice files") }
                for name in names {
                    let file = URL(fileURLWithPath: path).appendingPathComponent(name).path
                    results.append(LicenseFileReader.identify(fileAt: file, displayPath: file, matcher: matcher))
                }
            } else {
                results.append(LicenseFileReader.identify(fileAt: path, matcher: matcher))
            }
        }
        switch format {
        case .json: print(try LicenseReport.json(results, catalogVersion: matcher.catalog.version), terminator: "")
        case .text: print(LicenseReport.text(results), terminator: "")
        }
    }
}
