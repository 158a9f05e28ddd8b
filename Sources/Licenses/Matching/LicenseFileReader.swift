import Foundation
import ModelFormats
import TrustmarkCore

/// Identifies license files on disk, reading at most `LicenseMatcher.maxBytes + 1` bytes of each, so
/// a huge or binary file costs a bounded amount of time and memory.
public enum LicenseFileReader {
    public static func identify(fileAt path: String, displayPath: String? = nil, matcher: LicenseMatcher = LicenseMatcher()) -> LicenseFileAnalysis {
        let shown = displayPath ?? path
        let role = LicenseFileAnalysis.Role(path: shown)
        // Opened without waiting (a FIFO is refused, not read from) and only if it is a regular file.
        let file: BinaryFile
        do {
            file = try BinaryFile(path: path)
        } catch {
            return LicenseFileAnalysis(path: shown, role: role, verdict: .unknown, problem: "cannot be opened: \(error.message)")
        }
        let data = Data((try? file.read(at: 0, count: LicenseMatcher.maxBytes + 1)) ?? [])
        if data.count > LicenseMatcher.maxBytes {
            return LicenseFileAnalysis(
                path: shown, role: role, verdict: .unknown, problem: "larger than \(LicenseMatcher.maxBytes) bytes; no license is that long")
        }
        if data.contains(0) {
            return LicenseFileAnalysis(path: shown, role: role, verdict: .unknown, problem: "binary content, not text")
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            return LicenseFileAnalysis(path: shown, role: role, verdict: .unknown, problem: "not readable as text")
        }
        return matcher.identify(TextDocument(path: shown, text: text), role: role)
    }

    /// License, policy and notice files at the top of a folder, by name.
    public static func candidates(inFolder path: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { FileKind.classify(path: $0) == .license }.sorted()
    }
}
