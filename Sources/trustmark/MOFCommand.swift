import ArgumentParser
import Foundation
import Frameworks

/// `trustmark mof <file.yml>`: a Model Openness Tool model file's MOF class and progress, computed with
/// the tool's own algorithm.
struct MOFCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mof", _superCommandName: "trustmark",
        abstract: "Compute the Model Openness Framework class and progress of a Model Openness Tool model file (.yml).",
        discussion:
            "Licences resolve as the tool resolves them (component, then content type, then distribution). `trustmark rate ... --format mof` writes such a file."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Argument(help: "A Model Openness Tool model file.", completion: .file(extensions: ["yml", "yaml"]))
    var file: String

    @Option(name: .shortAndLong, help: "Output format: text or json.")
    var format: Format = .text

    func run() throws {
        let text = try InputFile.text(file, limit: InputFile.modelOpennessLimit)
        let model: MOFModel
        do {
            model = try MOTModelFile.read(text)
        } catch {
            throw InputError(message: "\(file): \(error.description)")
        }
        let result = MOFEvaluator.evaluate(model)
        switch format {
        case .text:
            var lines = ["\(model.name): \(result.className)"]
            for mofClass in [3, 2, 1] {
                lines.append(String(format: "  Class %@ progress  %5.1f%%", ["", "I", "II", "III"][mofClass], result.progress[mofClass] ?? 0))
            }
            for component in MOFComponent.allCases.sorted(by: { ($0.mofClass, $0.rawValue) > ($1.mofClass, $1.rawValue) }) {
                let status = result.statuses[component]!
                let license = status.license.map { $0.isEmpty ? "" : " (\($0))" } ?? ""
                lines.append(
                    "  \(component.isRequired ? " " : "·") \(status.status.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)) \(component.name)\(license)"
                )
            }
            if !result.typeWarnings.isEmpty {
                lines.append("  warning: open licences of another content type on " + result.typeWarnings.map(\.name).joined(separator: ", "))
            }
            Console.out(lines)
        case .json:
            let object: [String: Any] = [
                "name": model.name, "class": result.mofClass, "className": result.className,
                "progress": ["classIII": result.progress[3] ?? 0, "classII": result.progress[2] ?? 0, "classI": result.progress[1] ?? 0],
                "components": Dictionary(uniqueKeysWithValues: result.statuses.map { ($0.key.name, $0.value.status.rawValue) }),
            ]
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        }
    }
}
