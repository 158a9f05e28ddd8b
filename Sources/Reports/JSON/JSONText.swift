import Foundation
import TrustmarkCore

/// How every JSON document of the reports is written: sorted keys, two-space indentation, unescaped slashes, a final
/// newline. `StableJSONEncoder` writes it (it is much cheaper to start than `JSONEncoder`, docs/benchmarks.md
/// "Start-up"); Foundation's `JSONEncoder` stays as the reference the tests hold it to, byte for byte, by running a
/// renderer once with `referenceEncoder` set.
enum JSONText {
    @TaskLocal static var referenceEncoder = false

    static func encode(_ value: some Encodable) throws -> String {
        if referenceEncoder {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
        }
        return try StableJSONEncoder().encode(value) + "\n"
    }
}
